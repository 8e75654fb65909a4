import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerProxyFetchRequest } from "../services/tracking-page/proxy-remix.server";

// Storefront /apps/track through Shopify's app proxy: the lookup form (GET) and a lookup (POST). In production
// server.mjs answers these before Remix (services/tracking-page/proxy-lane.server.ts) with the same handler.
export const loader = ({ request }: LoaderFunctionArgs) => answerProxyFetchRequest(request);
export const action = ({ request }: ActionFunctionArgs) => answerProxyFetchRequest(request);
