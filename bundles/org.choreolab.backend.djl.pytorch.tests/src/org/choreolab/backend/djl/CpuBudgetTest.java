package org.choreolab.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPUs a process may use, read from /proc/self and cgroup trees laid out as the kernel does
 * (cgroup v2, v1, a container whose /proc/self/cgroup names a host path), and the thread count chosen
 * from it.
 */
class CpuBudgetTest {

    @TempDir
    Path tmp;

    private Path proc(String allowed, String cgroup) throws IOException {
        Path p = Files.createDirectories(tmp.resolve("proc"));
        Files.writeString(p.resolve("status"), "Name:\tjava\nCpus_allowed:\tff\nCpus_allowed_list:\t" + allowed + "\nMems_allowed:\t1\n");
        Files.writeString(p.resolve("cgroup"), cgroup);
        return p;
    }

    private Path write(String rel, String text) throws IOException {
        Path f = tmp.resolve("cg").resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void cpuListsCountRangesAndSingles() {
        assertEquals(4, CpuBudget.countCpuList("0-3"));
        assertEquals(7, CpuBudget.countCpuList("0-3,8,10-11"));
        assertEquals(1, CpuBudget.countCpuList("5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuBudget.countCpuList("0-x"));
        assertTrue(e.getMessage().startsWith("Cpus_allowed_list: expected"), e.getMessage());
    }

    @Test
    void theAffinityBoundsItWhenNoQuotaIsSet() throws IOException {
        write("cgroup.controllers", "cpu memory\n");
        write("user.slice/cpu.max", "max 100000\n");
        CpuBudget b = CpuBudget.read(proc("0-5", "0::/user.slice\n"), tmp.resolve("cg"), Map.of(), 64);
        assertEquals(6, b.cpus(), b.reason());
        assertTrue(b.reason().contains("affinity 0-5 = 6"), b.reason());
        assertTrue(b.reason().contains("no cgroup CPU quota"), b.reason());
    }

    @Test
    void aCgroupV2QuotaOnAnAncestorIsRoundedUp() throws IOException {
        write("cgroup.controllers", "cpu memory\n");
        write("job/cpu.max", "250000 100000\n");
        write("job/step/cpu.max", "max 100000\n");
        CpuBudget b = CpuBudget.read(proc("0-15", "0::/job/step\n"), tmp.resolve("cg"), Map.of(), 16);
        assertEquals(3, b.cpus(), "2.5 CPUs of quota: 3 threads; " + b.reason());
        assertTrue(b.reason().contains("cgroup v2 cpu.max of /job = 2.50 CPUs"), b.reason());
    }

    @Test
    void aContainerSeesItsOwnGroupAtTheMountRoot() throws IOException {
        // /proc/self/cgroup names the host's path, which does not exist inside the container's mount
        write("cgroup.controllers", "cpu\n");
        write("cpu.max", "100000 100000\n");
        CpuBudget b = CpuBudget.read(proc("0-7", "0::/kubepods/pod1/abc\n"), tmp.resolve("cg"), Map.of(), 8);
        assertEquals(1, b.cpus(), b.reason());
    }

    @Test
    void cgroupV1QuotaAndSlurmBothBound() throws IOException {
        write("cpu,cpuacct/slurm/job_7/cpu.cfs_quota_us", "400000\n");
        write("cpu,cpuacct/slurm/job_7/cpu.cfs_period_us", "100000\n");
        write("cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
        write("cpu,cpuacct/cpu.cfs_period_us", "100000\n");
        Path proc = proc("0-31", "12:cpu,cpuacct:/slurm/job_7\n11:memory:/slurm/job_7\n");
        CpuBudget quota = CpuBudget.read(proc, tmp.resolve("cg"), Map.of(), 32);
        assertEquals(4, quota.cpus(), quota.reason());
        assertTrue(quota.reason().contains("cgroup v1 cpu.cfs_quota_us of /slurm/job_7 = 4.00 CPUs"), quota.reason());
        CpuBudget slurm = CpuBudget.read(proc, tmp.resolve("cg"), Map.of("SLURM_CPUS_PER_TASK", "2"), 32);
        assertEquals(2, slurm.cpus(), slurm.reason());
        assertTrue(slurm.reason().endsWith("SLURM_CPUS_PER_TASK = 2"), slurm.reason());
        CpuBudget bad = CpuBudget.read(proc, tmp.resolve("cg"), Map.of("SLURM_CPUS_PER_TASK", "two"), 32);
        assertEquals(4, bad.cpus());
        assertTrue(bad.reason().contains("SLURM_CPUS_PER_TASK 'two' ignored (not a number)"), bad.reason());
    }

    @Test
    void unreadableProcFallsBackToTheJvmsCount() {
        CpuBudget b = CpuBudget.read(tmp.resolve("nothing"), tmp.resolve("nothing"), Map.of(), 3);
        assertEquals(3, b.cpus());
        assertTrue(b.reason().contains("affinity unreadable, JVM counts 3"), b.reason());
    }

    @Test
    void aMalformedQuotaIsNamedAndIgnored() throws IOException {
        write("cgroup.controllers", "cpu\n");
        write("cpu.max", "lots 100000\n");
        CpuBudget b = CpuBudget.read(proc("0-1", "0::/\n"), tmp.resolve("cg"), Map.of(), 2);
        assertEquals(2, b.cpus());
        assertTrue(b.reason().contains("cpu.max: expected 'max PERIOD' or 'QUOTA PERIOD', got 'lots 100000'"), b.reason());
    }

    @Test
    void theCountComesFromTheOptionThenTheVariablesThenTheBudget() {
        CpuBudget four = new CpuBudget(4, "test budget");
        assertEquals(3, EngineThreads.choose("3", "5", "6", () -> four).threads());
        assertTrue(EngineThreads.choose("3", null, null, () -> four).explicit(), "--threads overrides the user's variables");
        assertEquals(5, EngineThreads.choose("auto", "5", "6", () -> four).threads());
        EngineThreads.Choice omp = EngineThreads.choose(null, null, "6,2", () -> four);
        assertEquals(6, omp.threads(), "OMP_NUM_THREADS' first level");
        assertFalse(omp.explicit());
        EngineThreads.Choice auto = EngineThreads.choose(null, "auto", "", () -> four);
        assertEquals(4, auto.threads());
        assertEquals("4 (test budget)", auto.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineThreads.choose("0", null, null, () -> four));
        assertEquals("--threads: expected a whole number of threads (1 or more) or 'auto', got '0'", e.getMessage());
    }

    @Test
    void theNativesAreToldToWaitPassivelyWithTheChosenCount() {
        Map<String, String> env = EngineThreads.nativeEnvironment(3, Map.of("MXNET_OMP_MAX_THREADS", "3"));
        assertEquals("3", env.get("OMP_NUM_THREADS"));
        assertEquals("PASSIVE", env.get("OMP_WAIT_POLICY"));
        assertEquals("0", env.get("KMP_BLOCKTIME"));
        assertEquals("3", env.get("OPENBLAS_NUM_THREADS"));
        assertEquals("3", env.get("MXNET_OMP_MAX_THREADS"));
    }
}
