import { Form } from "@remix-run/react";
import { Badge, Button, Card, Checkbox, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { EmailProviderView } from "../models/messaging-providers.server";
import { FormResultBanner, type FormResult } from "./FormResultBanner";
import { Timestamp } from "./Timestamp";

function connectionSummary(saved: EmailProviderView): string {
  const sender = saved.fromName ? `${saved.fromName} <${saved.fromAddress}>` : saved.fromAddress;
  const encryption = saved.secure ? "TLS" : "STARTTLS";
  const login = saved.username ? `, signed in as ${saved.username}` : "";
  return `Sending as ${sender} through ${saved.host}:${saved.port} (${encryption})${login}.`;
}

// Emails go out through the merchant's own mail server, so they come from the store's address. Saving signs in
// to the server first: a typo shows up here, not as failed notifications days later.
export function EmailProviderCard({
  saved,
  result,
  saving,
}: {
  saved: EmailProviderView | null;
  result: FormResult | null;
  saving: boolean;
}) {
  const [host, setHost] = useState(saved?.host ?? "");
  const [port, setPort] = useState(String(saved?.port ?? 587));
  const [secure, setSecure] = useState(saved?.secure ?? false);
  const [username, setUsername] = useState(saved?.username ?? "");
  const [password, setPassword] = useState("");
  const [fromAddress, setFromAddress] = useState(saved?.fromAddress ?? "");
  const [fromName, setFromName] = useState(saved?.fromName ?? "");
  const [replyTo, setReplyTo] = useState(saved?.replyTo ?? "");
  const errors = result?.fieldErrors ?? {};

  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="email-provider" />
        <FormLayout>
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              Email provider
            </Text>
            {saved ? <Badge tone="success">Connected</Badge> : <Badge>Not set up</Badge>}
          </InlineStack>
          {saved ? (
            <div data-email-provider-state>
              <Text as="p">
                {connectionSummary(saved)} Checked <Timestamp value={saved.verifiedAt} />.
              </Text>
            </div>
          ) : (
            <Text as="p" tone="subdued">
              Use your store&apos;s mail server (SMTP), so emails come from your own address. Parcelwise signs
              in to check the settings before saving them.
            </Text>
          )}
          <FormResultBanner
            result={result}
            success="Email provider saved"
            failure="Email settings not saved"
          />
          <FormLayout.Group>
            <TextField
              label="SMTP host"
              name="host"
              value={host}
              onChange={setHost}
              placeholder="smtp.example.com"
              error={errors.host}
              autoComplete="off"
            />
            <TextField
              label="Port"
              name="port"
              type="number"
              value={port}
              onChange={setPort}
              error={errors.port}
              autoComplete="off"
            />
          </FormLayout.Group>
          <Checkbox
            label="TLS on connect"
            helpText="Usually on for port 465 and off for 587, where the connection is encrypted with STARTTLS."
            checked={secure}
            onChange={setSecure}
          />
          <input type="hidden" name="secure" value={secure ? "true" : "false"} />
          <FormLayout.Group>
            <TextField
              label="Username"
              name="username"
              value={username}
              onChange={setUsername}
              error={errors.username}
              autoComplete="off"
            />
            <TextField
              label="Password"
              name="password"
              type="password"
              value={password}
              onChange={setPassword}
              placeholder={saved?.password ? `Unchanged (${saved.password})` : undefined}
              helpText={saved?.password ? "Leave empty to keep the saved password." : undefined}
              error={errors.password}
              autoComplete="new-password"
            />
          </FormLayout.Group>
          <FormLayout.Group>
            <TextField
              label="From address"
              name="fromAddress"
              type="email"
              value={fromAddress}
              onChange={setFromAddress}
              placeholder="shipping@yourstore.com"
              error={errors.fromAddress}
              autoComplete="off"
            />
            <TextField
              label="From name"
              name="fromName"
              value={fromName}
              onChange={setFromName}
              placeholder="Your store"
              error={errors.fromName}
              autoComplete="off"
            />
          </FormLayout.Group>
          <TextField
            label="Reply-to address"
            name="replyTo"
            type="email"
            value={replyTo}
            onChange={setReplyTo}
            helpText="Where shoppers' replies go. Leave empty to use the from address."
            error={errors.replyTo}
            autoComplete="off"
          />
          <Button submit loading={saving}>
            Check and save email settings
          </Button>
        </FormLayout>
      </Form>
    </Card>
  );
}
