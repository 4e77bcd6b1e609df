/** Registry URLs compare with a trailing slash, so `https://r.example` matches `https://r.example/`. */
export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
