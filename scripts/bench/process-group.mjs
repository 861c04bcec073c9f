// What a server started in its own process group (lib/test/processes.mjs) costs, read from /proc:
// memory and CPU summed over every process in the group (the embedded PostgreSQL included).
import { readdirSync, readFileSync } from 'node:fs'

/** Calls `read(pid, fields)` for every process in group `pgid`; fields are /proc/<pid>/stat's after the name. */
function eachInGroup(pgid, read) {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) === pgid) read(pid, fields)
    } catch {
      // the process ended while being read
    }
  }
}

/** RSS of every process in the group, in bytes. */
export function groupRssBytes(pgid) {
  let total = 0
  eachInGroup(pgid, (pid) => {
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    if (rss) total += Number(rss[1]) * 1024
  })
  return total
}

/** CPU seconds (user + system) used so far by every process in the group. */
export function groupCpuSeconds(pgid) {
  let ticks = 0
  eachInGroup(pgid, (_, fields) => (ticks += Number(fields[11]) + Number(fields[12])))
  return ticks / 100
}

/** Samples the group's RSS every `everyMs` until `stop()`; `peak()` is the highest seen. */
export function sampleRss(pgid, everyMs = 200) {
  let peak = 0
  const timer = setInterval(() => (peak = Math.max(peak, groupRssBytes(pgid))), everyMs)
  return { peak: () => peak, stop: () => clearInterval(timer) }
}
