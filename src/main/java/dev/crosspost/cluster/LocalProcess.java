package dev.crosspost.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which process on which running kernel a holder of the bot was, so that the next winner of the lock can tell
 * "that process has ended" for sure instead of waiting out the takeover grace. A process that ended has closed its
 * sockets (the kernel does it): it is not speaking in the chat room any more. Only a holder on the same kernel (boot
 * id) and in the same process-id namespace can be seen this way; anywhere else (another machine, another container
 * with its own pid namespace, no {@code /proc}) nothing is known and the grace applies.
 *
 * <p>The identity is {@code boot-id/pid-namespace/pid/start-time}: within one pid namespace of one boot, a pid and its
 * start time (clock ticks since boot) name one process; a pid used again by a later process has another start time.
 */
final class LocalProcess {

    private final Path proc;

    LocalProcess() {
        this(Path.of("/proc"));
    }

    LocalProcess(Path proc) {
        this.proc = proc;
    }

    /** This process's identity, or empty where {@code /proc} does not tell it (not Linux). */
    Optional<String> self() {
        return of(ProcessHandle.current().pid());
    }

    /** The identity of a running process {@code pid} as seen from here, or empty. */
    Optional<String> of(long pid) {
        Optional<String> here = here();
        Optional<Stat> stat = stat(pid);
        if (here.isEmpty() || stat.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(here.get() + "/" + pid + "/" + stat.get().startTime());
    }

    /**
     * Whether the process {@code identity} names has ended for sure: it ran on this kernel, in this pid namespace,
     * and no live process has its pid and start time now (gone, a zombie, or its pid taken by another process).
     * False when that cannot be known (another machine or namespace, an identity not understood, no {@code /proc}).
     */
    boolean ended(String identity) {
        if (identity == null) {
            return false;
        }
        String[] parts = identity.split("/");
        Optional<String> here = here();
        if (parts.length != 4 || here.isEmpty() || !here.get().equals(parts[0] + "/" + parts[1])) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == ProcessHandle.current().pid()) {
            return false; // that is this process: not ended (a caller compares incarnations first)
        }
        Optional<Stat> now = stat(pid);
        return now.isEmpty() || now.get().zombie() || !now.get().startTime().equals(parts[3]);
    }

    /** {@code boot-id/pid-namespace} of this process. */
    private Optional<String> here() {
        try {
            String boot = Files.readString(proc.resolve("sys/kernel/random/boot_id")).trim();
            String ns = Files.readSymbolicLink(proc.resolve("self/ns/pid")).toString()
                    .replaceAll("[^0-9]", "");
            return boot.isEmpty() || ns.isEmpty() ? Optional.empty() : Optional.of(boot + "/" + ns);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private Optional<Stat> stat(long pid) {
        String line;
        try {
            line = Files.readString(proc.resolve(pid + "/stat"));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        // pid (comm) state ppid ... : comm may hold spaces and parentheses, so count from the last ')'
        int close = line.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] f = line.substring(close + 2).trim().split("\\s+");
        // after comm: f[0] state (field 3), ..., f[19] starttime (field 22)
        if (f.length < 20) {
            return Optional.empty();
        }
        return Optional.of(new Stat(f[0].equals("Z") || f[0].equals("X"), f[19]));
    }

    private record Stat(boolean zombie, String startTime) {
    }
}
