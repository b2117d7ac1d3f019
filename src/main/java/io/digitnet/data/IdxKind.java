package io.digitnet.data;

/**
 * The two kinds of IDX file MNIST comes in. An IDX file is a big-endian header (magic
 * number, then one 32-bit size per dimension) followed by the items as unsigned bytes.
 */
public enum IdxKind {
    /** Magic 2051: count, rows, columns, then count x 28 x 28 pixel bytes. */
    IMAGES(2051, 16, DigitImages.PIXELS),
    /** Magic 2049: count, then count label bytes. */
    LABELS(2049, 8, 1);

    public final int magic;
    /** Bytes before the first item. */
    public final int headerBytes;
    /** Bytes per item: one image or one label. */
    public final int itemBytes;

    IdxKind(int magic, int headerBytes, int itemBytes) {
        this.magic = magic;
        this.headerBytes = headerBytes;
        this.itemBytes = itemBytes;
    }

    /** The whole content's size for a file that declares {@code count} items. */
    public long contentBytes(long count) {
        return headerBytes + count * itemBytes;
    }

    static IdxKind ofMagic(int magic) {
        for (IdxKind kind : values()) {
            if (kind.magic == magic) {
                return kind;
            }
        }
        return null;
    }

    /** "images" or "labels", as a file of this kind is called. */
    public String noun() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return magic + " (" + noun() + ")";
    }
}
