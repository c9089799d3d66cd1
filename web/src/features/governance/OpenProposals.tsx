// Temporary stand-in: the governance feature provides the real list of open proposals (replaced at merge).
export function OpenProposals() {
  return null;
}
