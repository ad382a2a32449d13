import type { WidgetKeyConfig } from './proxy-options';

/** The Hono environment of the proxy's app: what middleware hands on to the routes. */
export interface ProxyEnv {
  Variables: {
    /** The client's address, after `X-Forwarded-For` from trusted proxies. */
    clientAddress: string;
    /** The widget key the request authenticated with. */
    widgetKey: WidgetKeyConfig;
    /** The parsed JSON body (an object). */
    jsonBody: Record<string, unknown>;
    /** Names the request in logs. */
    requestId: string;
  };
}
