package io.digitnet.model;

import static io.digitnet.model.ModelFixtures.fullInfo;
import static io.digitnet.model.ModelFixtures.parameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.BadInputException;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model directory on a real HDFS (an in-process MiniDFSCluster). */
class ModelDirHdfsTest {
    static MiniDFSCluster hdfs;
    static Configuration conf;
    static String root;

    @TempDir
    static Path base;

    @BeforeAll
    static void start() throws IOException {
        conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(base.toFile(), "hdfs").getAbsolutePath());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        conf = hdfs.getConfiguration(0);
        root = hdfs.getURI().toString();
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    private static List<String> list(FileSystem fs, String dir) throws IOException {
        return Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path(dir)))
                .map(FileStatus::getPath).map(org.apache.hadoop.fs.Path::getName).sorted().toList();
    }

    @Test
    void ofTwoJobsWritingOneOutputOnHdfsTheSecondToFinishIsToldAndTheFirstOutputStays() throws IOException {
        String target = root + "/raced";
        io.digitnet.data.OutputDir first = io.digitnet.data.OutputDir.begin(target, false, conf, "--output");
        io.digitnet.data.OutputDir second = io.digitnet.data.OutputDir.begin(target, false, conf, "--output");
        FileSystem fs = FileSystem.get(hdfs.getURI(), conf);
        for (var output : List.of(first, second)) {
            try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(output.staging(), "part"))) {
                out.write((output == first ? "first" : "second").getBytes(StandardCharsets.UTF_8));
            }
        }
        first.commit();
        BadInputException e = assertThrows(BadInputException.class, second::commit);
        assertTrue(e.getMessage().contains("the output appeared while this job ran"), e.getMessage());
        assertEquals(List.of("part"), list(fs, target), "nothing moved inside the first job's output");
        assertEquals(List.of("raced"), list(fs, root + "/").stream().filter(n -> n.contains("raced")).toList(),
                "the second job's staging is gone");

        io.digitnet.data.OutputFile file = io.digitnet.data.OutputFile.begin(root + "/figures.json", false, conf,
                "--json");
        fs.create(new org.apache.hadoop.fs.Path(root + "/figures.json")).close();
        assertThrows(BadInputException.class, () -> file.commit(out -> out.write(1)));
        assertEquals(0, fs.getFileStatus(new org.apache.hadoop.fs.Path(root + "/figures.json")).getLen());
    }

    @Test
    void writesReadsAndRefusesToReplaceAModelOnHdfs() throws IOException {
        String target = root + "/replace/classic";
        Parameters p = parameters(Architecture.CLASSIC, 31);
        ModelDir.write(conf, target, Architecture.CLASSIC, p, fullInfo(), false);

        Model back = ModelDir.read(conf, target);
        assertEquals(Architecture.CLASSIC, back.architecture());
        assertTrue(p.identical(back.parameters()));
        assertEquals(fullInfo(), back.info());
        FileSystem fs = hdfs.getFileSystem();
        assertEquals(List.of("classic"), list(fs, root + "/replace"));
        assertEquals(List.of("model.json", "weights.parquet"), list(fs, target));

        BadInputException e = assertThrows(BadInputException.class,
                () -> ModelDir.write(conf, target, Architecture.CLASSIC, p, ModelInfo.NONE, false));
        assertEquals("--out " + target + ": already exists (pass --overwrite to replace it)", e.getMessage());
        ModelDir.write(conf, target, ModelFixtures.ODD, parameters(ModelFixtures.ODD, 32), ModelInfo.NONE, true);
        assertTrue(parameters(ModelFixtures.ODD, 32).identical(ModelDir.read(conf, target).parameters()));
        assertEquals(List.of("classic"), list(fs, root + "/replace"));
    }

    @Test
    void namesTheHdfsFileThatIsWrong() throws IOException {
        String target = root + "/edit/model";
        ModelDir.write(conf, target, Architecture.CLASSIC, parameters(Architecture.CLASSIC, 33), ModelInfo.NONE,
                false);
        FileSystem fs = hdfs.getFileSystem();
        org.apache.hadoop.fs.Path json = new org.apache.hadoop.fs.Path(target + "/model.json");
        try (FSDataOutputStream out = fs.create(json, true)) {
            out.write("{\"format\": \"digitnet-model\", \"version\": 2}".getBytes(StandardCharsets.UTF_8));
        }
        BadInputException e = assertThrows(BadInputException.class, () -> ModelDir.read(conf, target));
        assertEquals(target + "/model.json: expected format version 1, found 2", e.getMessage());
    }
}
