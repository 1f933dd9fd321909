package sns.http.internal.endpoint;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Refuses to deliver more than a limit: a body without (or lying about) its length cannot fill the disk. */
final class LimitedInputStream extends FilterInputStream {

    private long remaining;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0 && --remaining < 0) {
            throw new BodyTooLargeException("body over the limit");
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            remaining -= n;
            if (remaining < 0) {
                throw new BodyTooLargeException("body over the limit");
            }
        }
        return n;
    }
}
