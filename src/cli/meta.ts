/** The repository's web address from package.json (`repository` or `homepage`), for SARIF helpUri. */
export function repositoryUrl(pkg: { repository?: string | { url?: string }; homepage?: string }): string | undefined {
  const raw = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? pkg.homepage);
  if (!raw) return undefined;
  const gh = /^github:(.+)$/.exec(raw) ?? /^([\w.-]+\/[\w.-]+)$/.exec(raw);
  const url = gh ? `https://github.com/${gh[1]}` : raw.replace(/^git\+/, '').replace(/^git:\/\//, 'https://');
  return url.replace(/\.git$/, '').replace(/\/+$/, '').replace(/#.*$/, '');
}
