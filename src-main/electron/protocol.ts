import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Must run before `app.whenReady()`: app:// is a standard, secure scheme like https. */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `rendererDir` on app://yardstick/ and nothing else. */
export function serveRenderer(rendererDir: string) {
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const target = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
    const isInside = target.startsWith(rendererDir + sep);
    const file = isInside && url.pathname !== '/' ? target : join(rendererDir, 'index.html');
    return net.fetch(pathToFileURL(file).toString());
  });
}
