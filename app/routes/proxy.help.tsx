import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerProxyFetchRequest } from "../services/tracking-page/proxy-remix.server";

// Storefront /apps/track/help: the "Get help" form of a verified lookup creates a SupportRequest.
export const loader = ({ request }: LoaderFunctionArgs) => answerProxyFetchRequest(request);
export const action = ({ request }: ActionFunctionArgs) => answerProxyFetchRequest(request);
