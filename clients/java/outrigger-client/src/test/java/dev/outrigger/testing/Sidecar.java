package dev.outrigger.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code outrigger} sidecar for tests: started on free ports in a temp data dir,
 * waited for (its "outrigger ready" log line) with a deadline, stopped and cleaned up after.
 * The binary comes from {@code OUTRIGGER_BIN} (or the system property {@code outrigger.bin});
 * without either it is built from the repository with {@code go build}.
 */
public final class Sidecar implements AutoCloseable {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);
    private static Path builtBinary;
    private static Sidecar shared;

    private final Path dataDir;
    private final int httpPort;
    private final int etcdPort;
    private final int peerPort;
    private final List<String> extraArgs;
    private final StringBuffer log = new StringBuffer();
    private volatile String grpcAddr;
    private Process process;

    private Sidecar(List<String> extraArgs) throws IOException {
        this.dataDir = Files.createTempDirectory("outrigger-test-");
        int[] ports = freePorts(3);
        this.httpPort = ports[0];
        this.etcdPort = ports[1];
        this.peerPort = ports[2];
        this.extraArgs = extraArgs;
    }

    /**
     * Starts a new sidecar.
     *
     * @param extraArgs more flags, e.g. {@code --api-token T}
     * @return the ready sidecar; close it
     */
    public static Sidecar start(String... extraArgs) {
        try {
            Sidecar s = new Sidecar(List.of(extraArgs));
            try {
                s.launch();
            } catch (RuntimeException | Error e) {
                s.close();
                throw e;
            }
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the sidecar", e);
        }
    }

    /**
     * One sidecar shared by every test of this JVM that does not stop or restart it;
     * stopped when the JVM exits. Tests use names of their own to stay apart.
     *
     * @return the shared sidecar
     */
    public static synchronized Sidecar shared() {
        if (shared == null || !shared.isRunning()) {
            shared = start();
            Sidecar s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "outrigger-test-sidecar-stop"));
        }
        return shared;
    }

    /** @return the base URL of the JSON API */
    public String endpoint() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** @return the gRPC address, as the ready line named it (for the CLI's --addr) */
    public String grpcAddr() {
        return grpcAddr;
    }

    /**
     * Runs the {@code outrigger} CLI against this sidecar (OUTRIGGER_ADDR set), with a deadline.
     *
     * @param args the CLI's arguments, e.g. {@code config put KEY VALUE}
     * @return its standard output
     * @throws IllegalStateException when it fails
     */
    public String cli(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary().toString());
        cmd.addAll(List.of(args));
        Path output = null;
        try {
            output = Files.createTempFile("outrigger-cli-", ".out");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            pb.environment().put("OUTRIGGER_ADDR", grpcAddr);
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("outrigger " + String.join(" ", args) + " did not finish");
            }
            String out = Files.readString(output);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("outrigger " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /** @return the etcd client URL of the member */
    public String etcdClientUrl() {
        return "http://127.0.0.1:" + etcdPort;
    }

    /** @return the sidecar's log so far */
    public String log() {
        return log.toString();
    }

    /** @return whether the process runs */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the sidecar gracefully (SIGTERM), waiting for it to exit. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the sidecar (SIGKILL): no graceful shutdown, sessions stay until they expire. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the sidecar again on the same ports and data dir. */
    public synchronized void restart() {
        stop();
        launch();
    }

    /**
     * Freezes (SIGSTOP) or thaws (SIGCONT) the process: calls hang while frozen.
     *
     * @param frozen true to freeze
     */
    public synchronized void freeze(boolean frozen) {
        try {
            Process p = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(process.pid()))
                    .inheritIO().start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kill " + (frozen ? "-STOP" : "-CONT") + " failed");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (frozen != "T".equals(processState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the sidecar's state is " + processState() + " after kill "
                            + (frozen ? "-STOP" : "-CONT"));
                }
                Thread.sleep(5);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the process state from /proc (R, S, T for stopped, ...), or "?" */
    public synchronized String processState() {
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Compacts the store up to a revision (through etcd's own gateway), so reads and
     * watches before it see OUT_OF_RANGE or a resync.
     *
     * @param revision the revision
     */
    public void compact(long revision) {
        post(etcdClientUrl() + "/v3/kv/compaction", "{\"revision\":\"" + revision + "\",\"physical\":true}");
    }

    /**
     * Counts the etcd keys under a prefix, through etcd's own gateway: e.g. the candidates of
     * an election under {@code /outrigger/elections/NAME/} (the layout docs/api.md gives).
     *
     * @param prefix the etcd key prefix
     * @return how many keys are under it
     */
    public long countEtcdKeys(String prefix) {
        byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] end = start.clone();
        end[end.length - 1]++;
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        String body = "{\"key\":\"" + b64.encodeToString(start) + "\",\"range_end\":\""
                + b64.encodeToString(end) + "\",\"count_only\":true}";
        String answer = post(etcdClientUrl() + "/v3/kv/range", body);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"count\":\"?(\\d+)").matcher(answer);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String post(String url, String body) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("POST " + url + ": " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the sidecar and removes its data dir. */
    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    private synchronized void launch() {
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "run", "--name", "t1",
                "--data-dir", dataDir.toString(),
                "--http-addr", "127.0.0.1:" + httpPort, "--grpc-addr", "127.0.0.1:0",
                "--etcd-client-url", etcdClientUrl(), "--peer-url", "http://127.0.0.1:" + peerPort,
                "--progress-interval", "1s"));
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("OUTRIGGER_API_TOKEN");
        CountDownLatch ready = new CountDownLatch(1);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        }
        process = p;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.append(line).append('\n');
                    if (line.contains("msg=\"outrigger ready\"")) {
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("grpc=(\\S+)").matcher(line);
                        if (m.find()) {
                            grpcAddr = m.group(1);
                        }
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // process gone
            }
        }, "outrigger-test-sidecar-log");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        try {
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the sidecar exited with " + p.exitValue()
                            + " before it was ready:\n" + log);
                }
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("the sidecar was not ready within " + START_DEADLINE
                            + ":\n" + log);
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** @return the sidecar binary, built once per JVM when no environment names it */
    public static synchronized Path binary() {
        String bin = System.getenv("OUTRIGGER_BIN");
        if (bin == null || bin.isEmpty()) {
            bin = System.getProperty("outrigger.bin");
        }
        if (bin != null && !bin.isEmpty()) {
            Path p = Paths.get(bin);
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException("OUTRIGGER_BIN=" + bin + " is not an executable file");
            }
            return p;
        }
        if (builtBinary == null) {
            builtBinary = build();
        }
        return builtBinary;
    }

    private static Path build() {
        Path root = repoRoot();
        try {
            Path dir = Files.createTempDirectory("outrigger-bin-");
            Path out = dir.resolve("outrigger");
            Path log = dir.resolve("build.log");
            Process p = new ProcessBuilder("go", "build", "-o", out.toString(), "./cmd/outrigger")
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("go build ./cmd/outrigger took over 10 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("go build ./cmd/outrigger failed in " + root + ":\n"
                        + Files.readString(log));
            }
            log.toFile().delete();
            out.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot build the sidecar (is Go installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the repository root: outrigger.repo.root, or the first parent with cmd/outrigger */
    public static Path repoRoot() {
        String prop = System.getProperty("outrigger.repo.root");
        if (prop != null && Files.isDirectory(Paths.get(prop, "cmd", "outrigger"))) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("cmd").resolve("outrigger")) && Files.exists(p.resolve("go.mod"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (set outrigger.repo.root)");
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
        return ports;
    }
}
