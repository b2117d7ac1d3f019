package io.digitnet.cli;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.spark.scheduler.ExternalClusterManager;

/**
 * A Spark master URL checked before Spark starts: Spark itself reports a malformed one
 * with a stack trace, and retries an unreachable standalone master for over a minute
 * (3 registrations of 20 s each, fixed in its StandaloneAppClient).
 *
 * @param option how the user gave it, for messages: "--master" or "spark.master"
 * @param standalone a spark:// URL's masters (several for HA), else empty
 */
record MasterUrl(String url, String option, List<InetSocketAddress> standalone) {
    static final String EXPECTED = "expected local, local[N], local[*], local[N,F], local-cluster[N,C,MB], "
            + "spark://HOST:PORT[,HOST:PORT...], yarn or k8s://URL";

    /** The local forms SparkContext takes itself (SparkMasterRegex), N above 0. */
    private static final Pattern LOCAL = Pattern.compile(
            "local|local\\[([1-9][0-9]*|\\*)(\\s*,\\s*[0-9]+)?]|local-cluster\\[\\s*[0-9]+\\s*,\\s*[0-9]+\\s*,\\s*[0-9]+\\s*]");
    /** The cluster managers Spark 4 ships as separate modules (spark-yarn, spark-kubernetes). */
    private static final Pattern CLUSTER = Pattern.compile("yarn|k8s://.+");

    /** Parses {@code url} as SparkContext would, or throws the one-line BadInputException. */
    static MasterUrl parse(String url, String option) {
        String named = option + " " + url;
        if (LOCAL.matcher(url).matches()) {
            return new MasterUrl(url, option, List.of());
        }
        if (url.startsWith("spark://")) {
            List<InetSocketAddress> masters = new ArrayList<>();
            for (String hostPort : url.substring("spark://".length()).split(",", -1)) {
                masters.add(hostPort(hostPort, named));
            }
            return new MasterUrl(url, option, List.copyOf(masters));
        }
        if (clusterManagerTakes(url)) {
            return new MasterUrl(url, option, List.of());
        }
        if (CLUSTER.matcher(url).matches()) {
            throw new BadInputException(named + ": this Spark has no cluster manager for it; submit the job "
                    + "with a Spark that has (spark-submit on PATH or SPARK_HOME)");
        }
        throw new BadInputException(named + ": " + EXPECTED + ", found '" + url + "'");
    }

    private static InetSocketAddress hostPort(String hostPort, String named) {
        try {
            URI uri = new URI("spark://" + hostPort);
            if (uri.getHost() == null || uri.getPort() < 0 || !uri.getPath().isEmpty() || uri.getQuery() != null) {
                throw new URISyntaxException(hostPort, "no HOST:PORT");
            }
            return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            throw new BadInputException(named + ": expected spark://HOST:PORT[,HOST:PORT...], found '"
                    + hostPort + "'");
        }
    }

    /** Whether a cluster manager on the classpath (YARN's, Kubernetes', another) takes {@code url}. */
    private static boolean clusterManagerTakes(String url) {
        for (ExternalClusterManager manager : ServiceLoader.load(ExternalClusterManager.class,
                Thread.currentThread().getContextClassLoader())) {
            if (manager.canCreate(url)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Throws the one-line BadInputException unless a standalone URL has a master that accepts
     * a TCP connection within {@code timeoutSeconds} (all are tried at once: with HA one is enough).
     */
    void requireReachable(int timeoutSeconds) {
        if (standalone.isEmpty()) {
            return;
        }
        List<Callable<InetSocketAddress>> connects = new ArrayList<>();
        for (InetSocketAddress master : standalone) {
            connects.add(() -> connect(master, timeoutSeconds));
        }
        ExecutorService pool = Executors.newFixedThreadPool(connects.size(), runnable -> {
            Thread thread = new Thread(runnable, "digitnet master probe");
            thread.setDaemon(true);
            return thread;
        });
        String why;
        try {
            pool.invokeAny(connects, timeoutSeconds, TimeUnit.SECONDS);
            return;
        } catch (ExecutionException e) {
            why = " (" + e.getCause().getMessage() + ")";
        } catch (TimeoutException e) {
            why = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = " (interrupted)";
        } finally {
            pool.shutdownNow();
        }
        throw new BadInputException(option + " " + url + ": no Spark master answered within " + timeoutSeconds
                + " s" + why);
    }

    private static InetSocketAddress connect(InetSocketAddress master, int timeoutSeconds) throws IOException {
        InetSocketAddress resolved = new InetSocketAddress(master.getHostString(), master.getPort());
        if (resolved.isUnresolved()) {
            throw new IOException(master.getHostString() + ": unknown host");
        }
        try (Socket socket = new Socket()) {
            socket.connect(resolved, (int) TimeUnit.SECONDS.toMillis(timeoutSeconds));
            return master;
        } catch (IOException e) {
            throw new IOException(master.getHostString() + ":" + master.getPort() + ": " + e.getMessage(), e);
        }
    }
}
