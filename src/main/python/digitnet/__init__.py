"""digitnet's Spark ML stages for PySpark: thin wrappers over the Java classes in the jar."""
