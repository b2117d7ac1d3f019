package io.digitnet.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.digitnet.data.JsonFiles;
import io.digitnet.model.Model;
import io.digitnet.nn.Architecture;
import io.digitnet.score.ReviewThreshold;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The report's explore.html: a page where a person draws a digit and watches the model
 * answer, layer by layer. It is one self-contained file, opened from disk: the model's
 * weights and a few test images are embedded in it (little-endian doubles in base64, so
 * the page computes with exactly the model's numbers), and its scripts (resources beside
 * this class: the scan normalisation, the forward pass and the page) are inlined.
 */
final class ExplorePage {
    static final String FILE = "explore.html";
    private static final String RESOURCES = "explore/";

    private ExplorePage() {}

    /**
     * Writes explore.html into {@code folder} for {@code model} (named {@code name} on the
     * page), with {@code examples} to draw over.
     */
    static void write(Path folder, String name, Model model, List<DataPass.Example> examples) {
        String html = resource("explore.html")
                .replace("/*STYLE*/", resource("explore.css"))
                .replace("/*DATA*/", data(name, model, examples))
                .replace("/*SCRIPT*/", resource("normalise.js") + resource("network.js") + resource("explore.js"));
        try {
            Files.writeString(folder.resolve(FILE), html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + folder.resolve(FILE), e);
        }
    }

    /** The page's JSON, safe inside a script element: every '<' escaped, so nothing in it can close the element. */
    private static String data(String name, Model model, List<DataPass.Example> examples) {
        Architecture a = model.architecture();
        ObjectNode root = JsonFiles.MAPPER.createObjectNode();
        ObjectNode m = root.putObject("model");
        m.put("name", name);
        ArrayNode sizes = m.putArray("sizes");
        for (int size : a.sizes()) {
            sizes.add(size);
        }
        m.put("hidden", a.hidden().id());
        m.put("output", a.output().id());
        if (model.info().testAccuracy() != null) {
            m.put("testAccuracy", model.info().testAccuracy());
        }
        ArrayNode weights = m.putArray("weights");
        ArrayNode biases = m.putArray("biases");
        for (int l = 0; l < a.layers(); l++) {
            weights.add(base64(model.parameters().weights[l]));
            biases.add(base64(model.parameters().biases[l]));
        }
        root.put("reviewBelow", Double.parseDouble(ReviewThreshold.DEFAULT_BELOW));
        ArrayNode shown = root.putArray("examples");
        for (DataPass.Example example : examples) {
            shown.addObject().put("id", example.id()).put("label", example.label())
                    .put("pixels", base64(example.pixels()));
        }
        return root.toString().replace("<", "\\u003c");
    }

    private static String base64(double[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(Double.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(values);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static String resource(String file) {
        try (InputStream in = ExplorePage.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("the jar holds no " + RESOURCES + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCES + file, e);
        }
    }
}
