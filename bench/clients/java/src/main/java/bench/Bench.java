package bench;

import dev.outrigger.client.OutriggerClient;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Outrigger's Java thin client (the sidecar's JSON API) vs jetcd (etcd's gRPC,
 * straight to the member), closed loop, one JSON line per run on stdout, in the
 * format bench/clients.go reads.
 *
 * <p>Usage: Bench OUTRIGGER_URL ETCD_URL SECONDS VALUE_SIZE KEYS THREADS(1,16)
 */
public final class Bench {
    private static final String ROOT = "/outrigger/config/";

    public static void main(String[] args) throws Exception {
        String outriggerUrl = args[0];
        String etcdUrl = args[1];
        double seconds = Double.parseDouble(args[2]);
        int valueSize = Integer.parseInt(args[3]);
        int keyCount = Integer.parseInt(args[4]);
        String[] threadList = args[5].split(",");

        StringBuilder sb = new StringBuilder();
        Random rnd = new Random(1);
        for (int i = 0; i < valueSize; i++) {
            sb.append((char) ('a' + rnd.nextInt(26)));
        }
        String value = sb.toString();
        String[] keys = new String[keyCount];
        for (int i = 0; i < keyCount; i++) {
            keys[i] = String.format("bench/java/%06d", i);
        }

        try (OutriggerClient outrigger = OutriggerClient.builder().endpoint(outriggerUrl)
                        .deadline(Duration.ofSeconds(10)).build();
                Client jetcd = Client.builder().endpoints(etcdUrl).build()) {
            KV kv = jetcd.getKVClient();
            ByteSequence bvalue = ByteSequence.from(value, StandardCharsets.UTF_8);
            GetOption serializable = GetOption.builder().withSerializable(true).build();
            for (String k : keys) {
                outrigger.config().put(k, value);
            }
            for (String t : threadList) {
                int threads = Integer.parseInt(t.trim());
                for (String op : new String[] {"put", "get", "sget"}) {
                    for (String client : new String[] {"jetcd", "outrigger"}) {
                        Consumer<String> fn;
                        if (client.equals("jetcd")) {
                            fn = switch (op) {
                                case "put" -> k -> join(kv.put(bs(ROOT + k), bvalue));
                                case "get" -> k -> join(kv.get(bs(ROOT + k)));
                                default -> k -> join(kv.get(bs(ROOT + k), serializable));
                            };
                        } else {
                            if (op.equals("sget")) {
                                continue; // the thin client reads linearizably only
                            }
                            fn = op.equals("put") ? k -> outrigger.config().put(k, value) : k -> outrigger.config().get(k);
                        }
                        run(fn, threads, Math.max(1.0, seconds / 2), keys); // JIT warm-up
                        Result r = run(fn, threads, seconds, keys);
                        System.out.println(r.json(client, op, threads));
                        System.out.flush();
                    }
                }
            }
        }
    }

    private static ByteSequence bs(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static void join(java.util.concurrent.CompletableFuture<?> f) {
        try {
            f.get();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private record Result(List<Long> latUs, double elapsedS, int errors, String lastError) {
        String json(String client, String op, int threads) {
            StringBuilder sb = new StringBuilder(latUs.size() * 5 + 200);
            sb.append("{\"kind\":\"kv\",\"client\":\"").append(client).append("\",\"op\":\"").append(op)
                    .append("\",\"threads\":").append(threads).append(",\"elapsed_s\":").append(elapsedS)
                    .append(",\"errors\":").append(errors).append(",\"last_error\":\"")
                    .append(lastError.replace("\\", "/").replace("\"", "'")).append("\",\"latencies_us\":[");
            for (int i = 0; i < latUs.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(latUs.get(i));
            }
            return sb.append("]}").toString();
        }
    }

    private static Result run(Consumer<String> fn, int threads, double seconds, String[] keys) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<List<Long>> lat = new ArrayList<>();
        int[] errors = new int[threads];
        String[] last = {""};
        List<Thread> ts = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            List<Long> mine = new ArrayList<>(1 << 14);
            lat.add(mine);
            int id = i;
            Thread th = new Thread(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (true) {
                    long t = System.nanoTime();
                    if (t >= deadline) {
                        return;
                    }
                    try {
                        fn.accept(keys[r.nextInt(keys.length)]);
                    } catch (RuntimeException e) {
                        errors[id]++;
                        last[0] = String.valueOf(e).substring(0, Math.min(300, String.valueOf(e).length()));
                        continue;
                    }
                    mine.add((System.nanoTime() - t) / 1000);
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> all = new ArrayList<>();
        int errs = 0;
        for (int i = 0; i < threads; i++) {
            all.addAll(lat.get(i));
            errs += errors[i];
        }
        return new Result(all, elapsed, errs, last[0]);
    }
}
