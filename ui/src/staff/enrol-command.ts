/** The admin command that enrols this kiosk at the hub (shown verbatim). */
export function enrolCommand(dataDir: string): string {
  const dir = dataDir ? `"${dataDir}"` : 'DIR';
  return `anjungan-cli --data ${dir} enrol --hub URL --token TOKEN`;
}
