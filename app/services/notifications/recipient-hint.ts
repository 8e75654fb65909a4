// What the admin shows of whom a message went to: enough for support to recognise, not enough to contact.
export function maskEmail(address: string): string {
  const [local = "", domain = ""] = address.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}

export function maskPhone(phone: string): string {
  return phone.length <= 6 ? "•••" : `${phone.slice(0, 3)}•••••${phone.slice(-3)}`;
}
