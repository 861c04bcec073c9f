/**
 * The commonest breached passwords that pass the length rule (12+ characters), lower-cased with
 * spaces removed, from the public top lists (RockYou, Have I Been Pwned's most frequent). Short
 * ones are left out: the length rule already refuses them.
 */
export const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '123123123123', '111222333444',
  '098765432109', '987654321098', '123451234512', '147258369147', '123qweasdzxc', '1q2w3e4r5t6y',
  '1qaz2wsx3edc', 'qwertyuiopasdfghjkl', 'qwertyuiop12', 'qwertyuiop123', 'qwerty123456', 'qwertyqwerty',
  'asdfghjkl123', 'asdfghjklzxc', 'zxcvbnm12345', 'qazwsxedcrfv', 'password1234', 'password12345',
  'password123456', 'passwordpassword', 'password1password', 'mypassword123', 'changeme1234', 'letmein12345',
  'welcome12345', 'welcome123456', 'iloveyou1234', 'iloveyouiloveyou', 'administrator', 'administrator1',
  'adminadminadmin', 'admin1234567', 'admin12345678', 'rootroot1234', 'superman1234', 'baseball1234',
  'football1234', 'monkey123456', 'dragon123456', 'sunshine1234', 'princess1234', 'trustno1trustno1',
  'abcdefghijkl', 'abcdefghijklm', 'abcdefghijklmnop', 'abc123abc123', 'abcd12345678', 'correcthorsebatterystaple',
  'thequickbrownfox', 'thequickbrownfoxjumpsoverthelazydog', 'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234',
  'qwerty1234567', '1234qwerasdf', 'q1w2e3r4t5y6', 'a1b2c3d4e5f6', '0123456789ab', 'aaaaaa111111',
  'webhooks1234', 'konpro123456', 'summer202020', 'winter202020', 'spring202020', 'autumn202020',
])

/** True for a password on the list, or one character repeated (`aaaaaaaaaaaa`, `111111111111`). */
export function isCommonPassword(password: string): boolean {
  const normal = password.normalize('NFKC').toLowerCase().replace(/\s+/g, '')
  if (/^(.)\1*$/su.test(normal) || /^(.)\1*$/su.test(password)) return true
  return COMMON_PASSWORDS.has(normal)
}
