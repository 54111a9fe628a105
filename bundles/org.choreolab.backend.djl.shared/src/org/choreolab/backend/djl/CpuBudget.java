package org.choreolab.backend.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many CPUs this process may really use: the smallest of the CPUs it may be scheduled on (its
 * affinity: {@code taskset}, Slurm's and containers' cpusets), the CPU time its cgroup grants
 * (cgroup v2 {@code cpu.max}, v1 {@code cpu.cfs_quota_us / cpu.cfs_period_us}, on its own group and
 * every ancestor) and Slurm's {@code SLURM_CPUS_PER_TASK}. The engines' thread pools are sized from
 * it: a pool wider than the CPUs it gets makes its threads wait for each other at every operation.
 *
 * @param cpus at least 1
 * @param reason one line naming each source and what it said, for tables and run records
 */
public record CpuBudget(int cpus, String reason) {

    /** Reads this process's limits from {@code /proc/self} and {@code /sys/fs/cgroup}. */
    public static CpuBudget detect() {
        return read(Path.of("/proc/self"), Path.of("/sys/fs/cgroup"), System.getenv(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param procSelf a folder with {@code status} and {@code cgroup} as in {@code /proc/self}
     * @param cgroupRoot where the cgroup file systems are mounted ({@code /sys/fs/cgroup})
     * @param jvmCpus what the JVM counts, used when {@code status} cannot be read
     */
    public static CpuBudget read(Path procSelf, Path cgroupRoot, Map<String, String> env, int jvmCpus) {
        List<String> why = new ArrayList<>();
        int cpus;
        String allowed = statusField(procSelf.resolve("status"), "Cpus_allowed_list");
        if (allowed != null) {
            cpus = countCpuList(allowed);
            why.add("affinity " + allowed + " = " + cpus);
        } else {
            cpus = Math.max(1, jvmCpus);
            why.add("affinity unreadable, JVM counts " + cpus);
        }
        Quota q;
        try {
            q = cgroupQuota(procSelf.resolve("cgroup"), cgroupRoot);
        } catch (IllegalArgumentException e) {
            q = null;
            why.add("cgroup quota ignored: " + e.getMessage());
        }
        if (q != null) {
            int quotaCpus = Math.max(1, (int) Math.ceil(q.cpus - 1e-9));
            why.add(q.source + " = " + String.format(java.util.Locale.ROOT, "%.2f", q.cpus) + " CPUs");
            cpus = Math.min(cpus, quotaCpus);
        } else {
            if (why.stream().noneMatch(w -> w.startsWith("cgroup quota ignored"))) {
                why.add("no cgroup CPU quota");
            }
        }
        String slurm = env.get("SLURM_CPUS_PER_TASK");
        if (slurm != null && !slurm.isBlank()) {
            try {
                int s = Integer.parseInt(slurm.trim());
                if (s > 0) {
                    cpus = Math.min(cpus, s);
                    why.add("SLURM_CPUS_PER_TASK = " + s);
                }
            } catch (NumberFormatException e) {
                why.add("SLURM_CPUS_PER_TASK '" + slurm + "' ignored (not a number)");
            }
        }
        return new CpuBudget(Math.max(1, cpus), String.join("; ", why));
    }

    /** The number of CPUs in a list such as {@code 0-3,8,10-11} (the kernel's cpulist format). */
    static int countCpuList(String list) {
        int n = 0;
        for (String part : list.trim().split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            try {
                if (dash < 0) {
                    Integer.parseInt(p);
                    n++;
                } else {
                    // a stride form 0-7:2 exists for boot parameters, not in /proc/self/status
                    int from = Integer.parseInt(p.substring(0, dash)), to = Integer.parseInt(p.substring(dash + 1));
                    n += Math.max(0, to - from + 1);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Cpus_allowed_list: expected numbers and ranges such as 0-3,8, got '" + list + "'");
            }
        }
        return Math.max(1, n);
    }

    private static String statusField(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc hidden: the caller falls back
        }
        return null;
    }

    record Quota(double cpus, String source) {
    }

    /**
     * The tightest CPU quota on this process's cgroup or any ancestor. A container sees its own
     * cgroup as the mount's root while {@code /proc/self/cgroup} may still name the host's path, so a
     * path missing under the mount is read from the mount's root.
     */
    static Quota cgroupQuota(Path procCgroup, Path root) {
        List<String> lines;
        try {
            lines = Files.readAllLines(procCgroup);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Quota best = null;
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                // unified at the root (v2), or beside the v1 controllers under unified/ (hybrid)
                Path mount = Files.isRegularFile(root.resolve("cgroup.controllers")) ? root
                        : Files.isDirectory(root.resolve("unified")) ? root.resolve("unified") : root;
                best = tighter(best, walk(mount, f[2], "cgroup v2 cpu.max", dir -> v2(dir.resolve("cpu.max"))));
            } else if (List.of(f[1].split(",")).contains("cpu")) {
                Path mount = v1Mount(root, f[1]);
                if (mount != null) {
                    best = tighter(best, walk(mount, f[2], "cgroup v1 cpu.cfs_quota_us",
                            dir -> v1(dir.resolve("cpu.cfs_quota_us"), dir.resolve("cpu.cfs_period_us"))));
                }
            }
        }
        return best;
    }

    private static Path v1Mount(Path root, String controllers) {
        for (String name : new String[] {controllers, "cpu", "cpu,cpuacct", "cpuacct,cpu"}) {
            Path p = root.resolve(name);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    private interface Reader {
        Double cpus(Path dir);
    }

    private static Quota walk(Path mount, String path, String source, Reader reader) {
        String rel = path.startsWith("/") ? path.substring(1) : path;
        Path dir = rel.isEmpty() ? mount : mount.resolve(rel);
        if (!Files.isDirectory(dir)) {
            dir = mount;
        }
        Quota best = null;
        for (Path d = dir; d != null && d.startsWith(mount); d = d.getParent()) {
            Double c = reader.cpus(d);
            if (c != null) {
                String where = mount.relativize(d).toString();
                best = tighter(best, new Quota(c, source + " of /" + where));
            }
            if (d.equals(mount)) {
                break;
            }
        }
        return best;
    }

    private static Quota tighter(Quota a, Quota b) {
        return a == null ? b : b == null ? a : b.cpus < a.cpus ? b : a;
    }

    /** {@code cpu.max}: "max 100000" (no limit) or "QUOTA PERIOD" in microseconds. */
    static Double v2(Path cpuMax) {
        String s = firstLine(cpuMax);
        if (s == null) {
            return null;
        }
        String[] f = s.trim().split("\\s+");
        if (f.length < 1 || f[0].equals("max")) {
            return null;
        }
        try {
            double quota = Double.parseDouble(f[0]);
            double period = f.length > 1 ? Double.parseDouble(f[1]) : 100_000;
            return quota > 0 && period > 0 ? quota / period : null;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(cpuMax + ": expected 'max PERIOD' or 'QUOTA PERIOD', got '" + s + "'");
        }
    }

    /** {@code cpu.cfs_quota_us} is -1 when there is no limit. */
    static Double v1(Path quotaFile, Path periodFile) {
        String q = firstLine(quotaFile), p = firstLine(periodFile);
        if (q == null || p == null) {
            return null;
        }
        try {
            long quota = Long.parseLong(q.trim()), period = Long.parseLong(p.trim());
            return quota > 0 && period > 0 ? (double) quota / period : null;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(quotaFile + ": expected a whole number of microseconds (or -1), got '" + q.trim() + "'");
        }
    }

    private static String firstLine(Path f) {
        try {
            if (!Files.isRegularFile(f)) {
                return null;
            }
            List<String> l = Files.readAllLines(f);
            return l.isEmpty() ? null : l.get(0);
        } catch (IOException e) {
            return null;
        }
    }
}
