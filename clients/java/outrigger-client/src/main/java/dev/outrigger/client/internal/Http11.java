package dev.outrigger.client.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal blocking HTTP/1.1 client for the unary JSON calls to a plain {@code http://}
 * sidecar: keep-alive connections in a pool, each call on its caller's thread (no selector,
 * no hand-offs between threads). Reads and writes go through {@link SocketChannel}s, so an
 * interrupt of the caller closes the connection and ends the call at once; every read waits
 * at most until the call's deadline. Streams stay on the JDK client.
 */
final class Http11 implements AutoCloseable {
    /** Connections idle longer than this are closed, not reused (the sidecar closes at 2 min). */
    private static final long MAX_IDLE_NANOS = 30_000_000_000L;
    private static final int MAX_IDLE = 256;
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final InetSocketAddress address;
    private final byte[] hostHeader;
    private final long connectTimeoutMillis;
    private final ConcurrentLinkedDeque<Conn> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    /** Thrown when the connection could not be opened: the request never left. */
    static final class ConnectFailure extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectFailure(IOException cause) {
            super(cause.toString(), cause);
        }
    }

    /** Thrown when the connect timeout (not the call's deadline) passed. */
    static final class ConnectTimeout extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectTimeout(String message) {
            super(message);
        }
    }

    /** Thrown when the call's deadline passed while waiting for the sidecar. */
    static final class DeadlinePassed extends IOException {
        private static final long serialVersionUID = 1L;

        DeadlinePassed(Throwable cause) {
            super("deadline passed", cause);
        }
    }

    /** An answer. */
    static final class Response {
        final int status;
        final byte[] body;

        Response(int status, byte[] body) {
            this.status = status;
            this.body = body;
        }
    }

    /**
     * @param endpoint the sidecar's base URL
     * @param connectTimeoutMillis how long a connect may take
     * @return the client, or null when the endpoint is not a plain {@code http://} URL
     */
    static Http11 forEndpoint(URI endpoint, long connectTimeoutMillis) {
        if (!"http".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null
                || endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null
                || endpoint.getRawFragment() != null) {
            return null;
        }
        return new Http11(endpoint, connectTimeoutMillis);
    }

    private Http11(URI endpoint, long connectTimeoutMillis) {
        int port = endpoint.getPort() == -1 ? 80 : endpoint.getPort();
        String host = endpoint.getHost();
        this.address = InetSocketAddress.createUnresolved(host, port);
        String hostPort = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host)
                + (endpoint.getPort() == -1 ? "" : ":" + port);
        this.hostHeader = ("Host: " + hostPort + "\r\n").getBytes(StandardCharsets.US_ASCII);
        this.connectTimeoutMillis = Math.max(1, connectTimeoutMillis);
    }

    /**
     * Sends one request and reads the whole answer.
     *
     * @param method the method
     * @param target the request target: the path and query, already encoded
     * @param headers more header lines, each ending in CRLF, already encoded
     * @param body the body, or null
     * @param deadlineNanos the {@link System#nanoTime()} by which the answer must be read
     * @return the answer
     * @throws IOException {@link ConnectFailure}, {@link ConnectTimeout}, {@link DeadlinePassed},
     *     or any other failure of the connection
     */
    Response send(String method, String target, byte[] headers, byte[] body, long deadlineNanos)
            throws IOException {
        byte[] head = head(method, target, headers, body);
        boolean retryable = "GET".equals(method);
        while (true) {
            Conn c = checkout();
            boolean reused = c != null;
            if (c == null) {
                c = connect(deadlineNanos);
            }
            boolean ok = false;
            try {
                Response r = c.exchange(head, body, deadlineNanos, "HEAD".equals(method));
                ok = true;
                if (c.keepAlive) {
                    release(c);
                }
                return r;
            } catch (StaleConnection e) {
                // the pooled connection was closed by the sidecar before it answered anything;
                // only reads are sent again (as the JDK client does), on a new connection
                if (!retryable || Thread.currentThread().isInterrupted()) {
                    throw (IOException) e.getCause();
                }
                retryable = false;
                if (!reused) {
                    throw (IOException) e.getCause();
                }
            } finally {
                if (!ok) {
                    c.close();
                }
            }
        }
    }

    private byte[] head(String method, String target, byte[] headers, byte[] body) {
        StringBuilder sb = new StringBuilder(method.length() + target.length() + 40);
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        byte[] line = sb.toString().getBytes(StandardCharsets.UTF_8);
        String len = body == null
                ? ("GET".equals(method) || "HEAD".equals(method) ? "" : "Content-Length: 0\r\n")
                : "Content-Length: " + body.length + "\r\n";
        byte[] lenBytes = len.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[line.length + hostHeader.length + headers.length + lenBytes.length + 2];
        int p = 0;
        System.arraycopy(line, 0, out, p, line.length);
        p += line.length;
        System.arraycopy(hostHeader, 0, out, p, hostHeader.length);
        p += hostHeader.length;
        System.arraycopy(headers, 0, out, p, headers.length);
        p += headers.length;
        System.arraycopy(lenBytes, 0, out, p, lenBytes.length);
        p += lenBytes.length;
        out[p++] = '\r';
        out[p] = '\n';
        return out;
    }

    private Conn checkout() {
        long now = System.nanoTime();
        Conn c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (now - c.idleSince < MAX_IDLE_NANOS && c.stillOpen()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private void release(Conn c) {
        if (closed || idleCount.incrementAndGet() > MAX_IDLE) {
            if (!closed) {
                idleCount.decrementAndGet();
            }
            c.close();
            return;
        }
        long now = System.nanoTime();
        c.idleSince = now;
        idle.offerFirst(c);
        if (closed && idle.remove(c)) {
            c.close();
            return;
        }
        // the least recently used connection: closed once it has been idle too long
        Conn oldest = idle.peekLast();
        if (oldest != null && now - oldest.idleSince >= MAX_IDLE_NANOS && idle.removeLastOccurrence(oldest)) {
            idleCount.decrementAndGet();
            oldest.close();
        }
    }

    private Conn connect(long deadlineNanos) throws IOException {
        long left = remainingMillis(deadlineNanos);
        if (left <= 0) {
            throw new DeadlinePassed(null);
        }
        boolean deadlineFirst = left < connectTimeoutMillis;
        SocketChannel ch = SocketChannel.open();
        try {
            InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
            if (resolved.isUnresolved()) {
                throw new ConnectFailure(new java.net.UnknownHostException(address.getHostString()));
            }
            ch.socket().connect(resolved, (int) Math.min(Integer.MAX_VALUE, Math.min(left, connectTimeoutMillis)));
            ch.socket().setTcpNoDelay(true);
            ch.socket().setKeepAlive(true);
            return new Conn(ch);
        } catch (SocketTimeoutException e) {
            ch.close();
            if (deadlineFirst) {
                throw new DeadlinePassed(e);
            }
            throw new ConnectTimeout("connect timed out after " + connectTimeoutMillis + " ms");
        } catch (java.nio.channels.ClosedByInterruptException e) {
            ch.close();
            throw e;
        } catch (ConnectFailure e) {
            ch.close();
            throw e;
        } catch (IOException e) {
            ch.close();
            throw new ConnectFailure(e);
        }
    }

    static long remainingMillis(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? 0 : Math.max(1, (left + 999_999) / 1_000_000);
    }

    @Override
    public void close() {
        closed = true;
        Conn c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    /** The sidecar closed a reused connection before any byte of the answer arrived. */
    private static final class StaleConnection extends Exception {
        private static final long serialVersionUID = 1L;

        StaleConnection(IOException cause) {
            super(cause);
        }
    }

    /** One keep-alive connection; used by one call at a time. */
    private static final class Conn {
        private final SocketChannel ch;
        private final InputStream in;
        private final byte[] buf = new byte[16 * 1024];
        private final ByteBuffer probe = ByteBuffer.allocate(1);
        private int pos;
        private int lim;
        private long idleSince;
        boolean keepAlive;
        private long deadlineNanos;
        private boolean used;

        Conn(SocketChannel ch) throws IOException {
            this.ch = ch;
            this.in = ch.socket().getInputStream();
        }

        boolean stillOpen() {
            // the sidecar may have closed the idle connection (its restart, its idle timeout):
            // a non-blocking read tells without waiting
            try {
                ch.configureBlocking(false);
                probe.clear();
                int n = ch.read(probe);
                ch.configureBlocking(true);
                return n == 0;
            } catch (IOException e) {
                return false;
            }
        }

        Response exchange(byte[] head, byte[] body, long deadlineNanos, boolean isHead)
                throws IOException, StaleConnection {
            this.deadlineNanos = deadlineNanos;
            boolean reused = used;
            used = true;
            pos = 0;
            lim = 0;
            keepAlive = false;
            try {
                if (body == null || body.length + head.length <= 8192) {
                    byte[] all = body == null ? head : concat(head, body);
                    writeFully(ByteBuffer.wrap(all));
                } else {
                    writeFully(ByteBuffer.wrap(head));
                    writeFully(ByteBuffer.wrap(body));
                }
                if (!fill()) {
                    throw new EOFException("the sidecar closed the connection before answering");
                }
            } catch (IOException e) {
                if (reused && !(e instanceof DeadlinePassed) && !Thread.currentThread().isInterrupted()) {
                    throw new StaleConnection(e);
                }
                throw e;
            }
            int status;
            boolean http10;
            long contentLength;
            boolean chunked;
            boolean close;
            do {
                String statusLine = line();
                if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
                    throw new IOException("not an HTTP/1.1 answer: " + abbreviate(statusLine));
                }
                http10 = statusLine.charAt(7) == '0';
                try {
                    status = Integer.parseInt(statusLine.substring(9, 12));
                } catch (NumberFormatException e) {
                    throw new IOException("bad status line: " + abbreviate(statusLine));
                }
                contentLength = -1;
                chunked = false;
                close = http10;
                int headerBytes = 0;
                while (true) {
                    String h = line();
                    headerBytes += h.length() + 2;
                    if (headerBytes > MAX_HEADER_BYTES) {
                        throw new IOException("the answer's headers are too long");
                    }
                    if (h.isEmpty()) {
                        break;
                    }
                    int colon = h.indexOf(':');
                    if (colon <= 0) {
                        continue;
                    }
                    String name = h.substring(0, colon).trim();
                    String value = h.substring(colon + 1).trim();
                    if (name.equalsIgnoreCase("Content-Length")) {
                        try {
                            contentLength = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new IOException("bad Content-Length: " + abbreviate(value));
                        }
                    } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                        chunked = value.toLowerCase(java.util.Locale.ROOT).endsWith("chunked");
                    } else if (name.equalsIgnoreCase("Connection")) {
                        String v = value.toLowerCase(java.util.Locale.ROOT);
                        if (v.contains("close")) {
                            close = true;
                        } else if (v.contains("keep-alive")) {
                            close = false;
                        }
                    }
                }
            } while (status >= 100 && status < 200);
            byte[] bytes;
            if (isHead || status == 204 || status == 304) {
                bytes = new byte[0];
            } else if (chunked) {
                bytes = readChunked();
            } else if (contentLength >= 0) {
                if (contentLength > Integer.MAX_VALUE - 16) {
                    throw new IOException("the answer is too large: " + contentLength + " bytes");
                }
                bytes = readN((int) contentLength);
            } else {
                bytes = readToEof();
                close = true;
            }
            keepAlive = !close && pos == lim;
            return new Response(status, bytes);
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }

        private static String abbreviate(String s) {
            return s.length() > 100 ? s.substring(0, 100) + "..." : s;
        }

        private void writeFully(ByteBuffer bb) throws IOException {
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
        }

        /** Reads more into the buffer (compacting it); false at the end of the stream. */
        private boolean fill() throws IOException {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            if (lim == buf.length) {
                throw new IOException("an answer's line is too long");
            }
            long left = remainingMillis(deadlineNanos);
            if (left <= 0) {
                throw new DeadlinePassed(null);
            }
            ch.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int n;
            try {
                n = in.read(buf, lim, buf.length - lim);
            } catch (SocketTimeoutException e) {
                throw new DeadlinePassed(e);
            }
            if (n < 0) {
                return false;
            }
            lim += n;
            return true;
        }

        private String line() throws IOException {
            while (true) {
                for (int i = pos; i < lim; i++) {
                    if (buf[i] == '\n') {
                        int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                        String s = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                        pos = i + 1;
                        return s;
                    }
                }
                if (!fill()) {
                    throw new EOFException("the sidecar closed the connection in the middle of an answer");
                }
            }
        }

        private byte[] readN(int n) throws IOException {
            byte[] out = new byte[n];
            int got = Math.min(n, lim - pos);
            System.arraycopy(buf, pos, out, 0, got);
            pos += got;
            while (got < n) {
                if (!fill()) {
                    throw new EOFException("the sidecar closed the connection in the middle of an answer");
                }
                int k = Math.min(n - got, lim - pos);
                System.arraycopy(buf, pos, out, got, k);
                pos += k;
                got += k;
            }
            return out;
        }

        private byte[] readChunked() throws IOException {
            byte[] out = new byte[1024];
            int size = 0;
            while (true) {
                String line = line();
                int semi = line.indexOf(';');
                String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
                int len;
                try {
                    len = Integer.parseInt(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + abbreviate(line));
                }
                if (len < 0 || size + (long) len > Integer.MAX_VALUE - 16) {
                    throw new IOException("bad chunk size: " + abbreviate(line));
                }
                if (len == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    return Arrays.copyOf(out, size);
                }
                if (size + len > out.length) {
                    out = Arrays.copyOf(out, Math.max(size + len, out.length * 2));
                }
                byte[] chunk = readN(len);
                System.arraycopy(chunk, 0, out, size, len);
                size += len;
                if (!line().isEmpty()) {
                    throw new IOException("bad chunk end");
                }
            }
        }

        private byte[] readToEof() throws IOException {
            byte[] out = new byte[Math.max(1024, lim - pos)];
            int size = 0;
            while (true) {
                int k = lim - pos;
                if (size + k > out.length) {
                    out = Arrays.copyOf(out, Math.max(size + k, out.length * 2));
                }
                System.arraycopy(buf, pos, out, size, k);
                size += k;
                pos = lim;
                if (!fill()) {
                    return Arrays.copyOf(out, size);
                }
            }
        }

        void close() {
            try {
                ch.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
