package io.digitnet.testing;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

/** PNG files whose header lies about their size, as a hostile or broken scanner's might. */
public final class PngHeaders {
    private PngHeaders() {}

    /** A copy of {@code png} whose IHDR chunk declares {@code width} x {@code height}, its CRC made to match. */
    public static byte[] declaring(byte[] png, int width, int height) {
        byte[] lying = Arrays.copyOf(png, png.length);
        ByteBuffer.wrap(lying).putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(lying, 12, 17); // the chunk type and its 13 bytes of data
        ByteBuffer.wrap(lying).putInt(29, (int) crc.getValue());
        return lying;
    }
}
