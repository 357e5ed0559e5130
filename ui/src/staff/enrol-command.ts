/**
 * The admin command that enrols this kiosk at the hub (shown verbatim). The enrolment code
 * is a secret, so it comes from a file (the output of `anjungan-hub enrol`), never from the
 * command line.
 */
export function enrolCommand(dataDir: string): string {
  const dir = dataDir ? `"${dataDir}"` : 'DIR';
  return `anjungan-cli --data ${dir} enrol --hub URL --token-file CODE_FILE`;
}
