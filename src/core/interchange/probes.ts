// Probe payloads shared by the unit tests and e2e (issue 15): kept in the suite so no later change brings them back.

// Dangerous hrefs in the forms filter-evasion lists use (OWASP XSS cheat sheet style).
export const DANGEROUS_HREFS = [
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)',
  '\u0001javascript:alert(1)', 'javascript&#58;alert(1)', '&#106;avascript:alert(1)', '&#x6A;avascript:alert(1)',
  'javascript&colon;alert(1)', 'vbscript:msgbox(1)', 'VBSCRIPT:x', 'livescript:x', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:text/html,<script>alert(1)</script>', 'DATA:image/svg+xml,<svg onload=alert(1)>', 'file:///etc/passwd',
  'jav&#x09;ascript:alert(1)', '%6Aavascript:alert(1)', 'ftp://x', 'blob:https://x/1', 'filesystem:x',
];
