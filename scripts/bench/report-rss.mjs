// Preloaded into every measured child (`node --import <this file> ...`): at exit, writes the
// process's own resource usage to the file named by BENCH_USAGE_FILE. maxRSS is the kernel's
// peak resident set size (getrusage ru_maxrss, in KB): exact, and free to read. With
// BENCH_SAMPLE_MS it also samples process.memoryUsage() to tell JS heap from Buffers
// (sampled peaks: a spike shorter than the interval can be missed).
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_USAGE_FILE;
if (out) {
  const peak = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
  const every = Number(process.env.BENCH_SAMPLE_MS);
  const sample = () => {
    const m = process.memoryUsage();
    for (const key of Object.keys(peak)) if (m[key] > peak[key]) peak[key] = m[key];
  };
  if (every > 0) setInterval(sample, every).unref();
  process.on('exit', (exitCode) => {
    if (every > 0) sample();
    const usage = process.resourceUsage();
    writeFileSync(out, JSON.stringify({
      maxRssKB: usage.maxRSS,
      userMs: usage.userCPUTime / 1000,
      systemMs: usage.systemCPUTime / 1000,
      uptimeMs: process.uptime() * 1000,
      ...(every > 0 ? { sampledPeakBytes: peak } : {}),
      exitCode,
    }));
  });
}
