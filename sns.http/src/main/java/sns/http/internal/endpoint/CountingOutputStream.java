package sns.http.internal.endpoint;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/** Counts what passes and reports the total once, on close: the size of a completely received file part. */
final class CountingOutputStream extends FilterOutputStream {

    private final LongConsumer onClose;
    private long count;
    private boolean closed;

    CountingOutputStream(OutputStream out, LongConsumer onClose) {
        super(out);
        this.onClose = onClose;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            super.close();
            onClose.accept(count);
        }
    }
}
