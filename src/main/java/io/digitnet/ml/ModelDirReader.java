package io.digitnet.ml;

import io.digitnet.data.HadoopFiles;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.MLReader;
import scala.Option;

/**
 * Loads a {@link DigitNetModel} from a model directory: one {@link ModelDirWriter} saved
 * (its uid and Params from the metadata), or one the command line wrote (a new uid, the
 * default Params).
 */
final class ModelDirReader extends MLReader<DigitNetModel> {
    private static final String METADATA = "metadata";

    @Override
    public DigitNetModel load(String path) {
        Configuration conf = sparkSession().sparkContext().hadoopConfiguration();
        Model model = ModelDir.read(conf, path);
        if (!HadoopFiles.exists(new Path(path, METADATA), conf)) {
            return DigitNetModel.of(model);
        }
        DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                DigitNetModel.class.getName());
        DigitNetModel loaded = new DigitNetModel(metadata.uid(), model);
        metadata.getAndSetParams(loaded, Option.empty());
        return loaded;
    }
}
