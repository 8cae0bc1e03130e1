import { app, session, shell, type WebContents } from 'electron';
import { rendererCsp } from '@core/security/csp';

export const appOrigin = 'app://yardstick';

/** True when a URL belongs to the app's own renderer (or the dev server in development). */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  return (
    url.startsWith(`${appOrigin}/`) || (devServerUrl !== undefined && url.startsWith(devServerUrl))
  );
}

/**
 * Hardening that applies to every window: navigation and new windows are refused (links
 * to the web open in the user's browser), permissions are denied except notifications for
 * the app's own pages (runs that end in the background say so), and every response carries
 * the renderer CSP.
 */
export function hardenApp(devServerUrl: string | undefined) {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(permission === 'notifications' && isAppUrl(details.requestingUrl, devServerUrl)),
  );
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [rendererCsp] },
    });
  });
}
