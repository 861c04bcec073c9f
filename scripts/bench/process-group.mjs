// What a server started in its own process group (lib/test/processes.mjs) costs, read from /proc:
// memory and CPU summed over every process in the group and under its leader (the embedded
// PostgreSQL and each of its backends included).
import { readdirSync, readFileSync } from 'node:fs'

/**
 * Calls `read(pid, fields)` for every process in group `pgid` and every descendant of its leader;
 * fields are /proc/<pid>/stat's after the name. Descendants count too: PostgreSQL's postmaster
 * puts each backend and auxiliary process in a process group of its own.
 */
function eachInGroup(pgid, read) {
  const all = []
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      all.push({ pid: Number(pid), fields: stat.slice(stat.lastIndexOf(')') + 2).split(' ') })
    } catch {
      // the process ended while being read
    }
  }
  const mine = new Set(all.filter((p) => Number(p.fields[2]) === pgid).map((p) => p.pid))
  for (let grew = true; grew;) {
    grew = false
    for (const p of all)
      if (!mine.has(p.pid) && mine.has(Number(p.fields[1]))) {
        mine.add(p.pid)
        grew = true
      }
  }
  for (const p of all)
    if (mine.has(p.pid))
      try {
        read(p.pid, p.fields)
      } catch {
        // the process ended while being read
      }
}

/** RSS of every process in the group, in bytes. */
export function groupRssBytes(pgid) {
  return groupMemory(pgid).rss
}

/**
 * The group's memory in bytes: `rss` sums each process's resident set, so pages the processes
 * share (PostgreSQL's shared buffers, in every backend) count once per process; `pss` divides each
 * shared page among the processes that map it, so the group's sum counts it once.
 */
export function groupMemory(pgid) {
  let rss = 0
  let pss = 0
  eachInGroup(pgid, (pid) => {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    rss += Number(/^Rss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024
    pss += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024
  })
  return { rss, pss }
}

/** CPU seconds (user + system) used so far by every process in the group. */
export function groupCpuSeconds(pgid) {
  let ticks = 0
  eachInGroup(pgid, (_, fields) => (ticks += Number(fields[11]) + Number(fields[12])))
  return ticks / 100
}

/**
 * Samples the group's memory every `everyMs` until `stop()`; `peak()` is the highest RSS sum seen,
 * `peakPss()` the highest PSS sum (see groupMemory).
 */
export function sampleRss(pgid, everyMs = 200) {
  let peak = 0
  let peakPss = 0
  const timer = setInterval(() => {
    const { rss, pss } = groupMemory(pgid)
    peak = Math.max(peak, rss)
    peakPss = Math.max(peakPss, pss)
  }, everyMs)
  return { peak: () => peak, peakPss: () => peakPss, stop: () => clearInterval(timer) }
}
