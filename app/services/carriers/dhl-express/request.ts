import { randomInt } from "node:crypto";

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** DHL wants a 28–32 character reference per request, echoed back in the response. */
function messageReference(): string {
  return Array.from({ length: 32 }, () => randomInt(10)).join("");
}

function messageTime(now: Date): string {
  return `${now.toISOString().slice(0, 19)}+00:00`;
}

export interface KnownTrackingRequest {
  siteId: string;
  password: string;
  awbNumber: string;
  now: Date;
}

/** The XML-PI KnownTrackingRequest, all checkpoints, as in DHL's own sample request. */
export function knownTrackingRequestXml({ siteId, password, awbNumber, now }: KnownTrackingRequest): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<req:KnownTrackingRequest xmlns:req="http://www.dhl.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.dhl.com TrackingRequestKnown.xsd" schemaVersion="1.0">
  <Request>
    <ServiceHeader>
      <MessageTime>${messageTime(now)}</MessageTime>
      <MessageReference>${messageReference()}</MessageReference>
      <SiteID>${escapeXml(siteId)}</SiteID>
      <Password>${escapeXml(password)}</Password>
    </ServiceHeader>
  </Request>
  <LanguageCode>en</LanguageCode>
  <AWBNumber>${escapeXml(awbNumber)}</AWBNumber>
  <LevelOfDetails>ALL_CHECK_POINTS</LevelOfDetails>
</req:KnownTrackingRequest>
`;
}
