import type { WidgetKeyConfig } from './proxy-options';
import type { VisitorClaims } from './visitor/visitor-token';

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
    /** The signed-in visitor, from a verified `X-Visitor-Token`; `undefined` for an anonymous one. */
    visitor: VisitorClaims | undefined;
  };
}
