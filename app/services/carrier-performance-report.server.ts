import {
  getCarrierPerformanceReport,
  parseStatsFilters,
  shopToday,
} from "../models/delivery-stats/report.server";

// The page and its CSV export read the same report for the same URL, so a download matches what is shown.
export async function carrierPerformanceForUrl({ shop, url }: { shop: string; url: URL }) {
  const today = await shopToday({ shop, now: new Date() });
  const filters = parseStatsFilters(url.searchParams, { today });
  return { today, report: await getCarrierPerformanceReport({ shop, filters }) };
}
