package io.digitnet.data.images;

/**
 * One image file that cannot become a digit: not an image, a damaged one, or a page with
 * no ink. Expected now and then in a large set of scans, so it is checked: the caller
 * decides whether the file is rejected or the job fails.
 *
 * <p>The message is a short, stable, lower-case reason without the file's path (the
 * caller knows the path), made to be stored as it is in a "reason" column. No stack trace
 * is recorded: it would say nothing the reason does not, and a scorer that meets many
 * such files should not pay for one each time.
 */
public class UnreadableImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableImageException(String reason) {
        super(reason, null, false, false);
    }
}
