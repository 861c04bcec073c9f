import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { curlCommand, shellQuote } from './curl'

describe('curlCommand', () => {
  it('quotes headers and body so the shell passes them through unchanged', () => {
    const body = `{"note":"it's a \\"test\\"\\n$(rm -rf /)"}`
    const cmd = curlCommand({
      url: 'http://localhost:3000/api/webhooks/konpro',
      headers: { 'content-type': 'application/json', host: 'x', 'x-signature': "t=1,v1=ab'c" },
      bodyText: body,
      bodyBase64: '',
    })
    expect(cmd).toContain("-H 'x-signature: t=1,v1=ab'\\''c'")
    expect(cmd).not.toContain("'host: x'")
    // The shell must hand the body back byte for byte.
    const echoed = execFileSync('sh', ['-c', `printf %s ${shellQuote(body)}`], { encoding: 'utf8' })
    expect(echoed).toBe(body)
  })

  it('pipes binary bodies through base64', () => {
    const b64 = Buffer.from([0xff, 0, 1]).toString('base64')
    const cmd = curlCommand({ url: 'http://h/r', headers: {}, bodyText: null, bodyBase64: b64 })
    expect(cmd.startsWith(`printf %s '${b64}' | base64 -d | curl -X POST 'http://h/r'`)).toBe(true)
    expect(cmd).toContain('--data-binary @-')
  })
})
