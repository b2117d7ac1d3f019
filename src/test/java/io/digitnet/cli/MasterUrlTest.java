package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The master URLs Spark takes pass; anything else, or a standalone master nobody answers at, is one line. */
class MasterUrlTest {

    @Test
    void everyFormSparkTakesPasses() {
        for (String url : List.of("local", "local[1]", "local[16]", "local[*]", "local[2,3]", "local[*, 4]",
                "local-cluster[2,1,1024]", "local-cluster[ 2 , 1 , 512 ]", "spark://host:7077",
                "spark://h1:7077,h2:7078", "spark://[::1]:7077", "spark://10.0.0.5:7077")) {
            assertDoesNotThrow(() -> MasterUrl.parse(url, "--master"), url);
        }
        assertEquals(2, MasterUrl.parse("spark://h1:7077,h2:7078", "--master").standalone().size());
    }

    @Test
    void anythingElseNamesWhatItExpectedAndFound() {
        assertEquals("--master garbage: " + MasterUrl.EXPECTED + ", found 'garbage'",
                refused("garbage").getMessage());
        for (String url : List.of("local[0]", "local[x]", "local-cluster[2,1]", "mesos://host:5050", "")) {
            assertTrue(refused(url).getMessage().startsWith("--master " + url + ": expected local, "), url);
        }
        for (String url : List.of("spark://host", "spark://host:7077,", "spark://host:port", "spark://h:1/path")) {
            assertTrue(refused(url).getMessage().startsWith("--master " + url + ": expected spark://HOST:PORT"), url);
        }
        // Spark ships YARN's and Kubernetes' cluster managers apart; the embedded Spark has neither.
        assertTrue(refused("yarn").getMessage().startsWith("--master yarn: this Spark has no cluster manager"));
        assertTrue(refused("k8s://https://kube:6443").getMessage()
                .startsWith("--master k8s://https://kube:6443: this Spark has no cluster manager"));
    }

    @Test
    void aStandaloneUrlIsReachableWhenAnyOfItsMastersAnswers() throws IOException {
        int nobody = freePort();
        try (ServerSocket master = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MasterUrl.parse("spark://127.0.0.1:" + nobody + ",127.0.0.1:" + master.getLocalPort(), "--master")
                    .requireReachable(5);
        }
        String url = "spark://127.0.0.1:" + nobody;
        BadInputException down = assertThrows(BadInputException.class,
                () -> MasterUrl.parse(url, "spark.master").requireReachable(3));
        assertTrue(down.getMessage().startsWith("spark.master " + url + ": no Spark master answered within 3 s ("
                + "127.0.0.1:" + nobody + ": "), down.getMessage());
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> MasterUrl.parse("spark://no-such-host.invalid:7077", "--master").requireReachable(3));
        assertTrue(unknown.getMessage().endsWith("(no-such-host.invalid: unknown host)"), unknown.getMessage());
    }

    private static BadInputException refused(String url) {
        return assertThrows(BadInputException.class, () -> MasterUrl.parse(url, "--master"), url);
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
