// The shape of one tracking_number_data courier file (couriers/*.json). Parameters an algorithm would ignore
// are pinned to the value the reference implementation assumes, so data asking for something else fails
// loudly instead of validating numbers differently from the reference.
import { z } from "zod";
import { BASE36_ALPHABET } from "./checksums";

const checksumSchema = z.discriminatedUnion("name", [
  z.object({
    name: z.literal("mod10"),
    modulo: z.literal(10).optional(),
    evens_multiplier: z.number().int().optional(),
    odds_multiplier: z.number().int().optional(),
    reverse: z.boolean().optional(),
  }),
  z.object({ name: z.literal("mod7"), modulo: z.literal(7).optional() }),
  z.object({
    name: z.literal("s10"),
    weightings: z.array(z.number().int()).length(8).optional(),
    modulo: z.literal(11).optional(),
  }),
  z.object({
    name: z.literal("sum_product_with_weightings_and_modulo"),
    weightings: z.array(z.number().int()).min(1),
    modulo1: z.number().int().positive(),
    modulo2: z.number().int().positive(),
  }),
  z.object({ name: z.literal("luhn"), modulo: z.literal(10).optional() }),
  z.object({
    name: z.literal("mod_37_36"),
    modulo: z.literal(36).optional(),
    alphabet: z.literal(BASE36_ALPHABET).optional(),
  }),
]);

const valueMatcherShape = {
  matches: z.string().optional(),
  matches_regex: z.string().optional(),
};

const hasMatcher = (value: { matches?: string; matches_regex?: string }) =>
  value.matches !== undefined || value.matches_regex !== undefined;

const lookupEntrySchema = z
  .object({
    ...valueMatcherShape,
    name: z.string().optional(),
    description: z.string().optional(),
    country: z.string().optional(),
    courier: z.string().optional(),
  })
  .refine(hasMatcher, "a lookup entry needs `matches` or `matches_regex`");

const additionalSchema = z.object({
  name: z.string().min(1),
  regex_group_name: z.string().min(1),
  lookup: z.array(lookupEntrySchema),
});

const partnerSchema = z.object({
  partner_type: z.enum(["carrier", "shipper"]),
  partner_id: z.string().min(1),
  description: z.string().optional(),
  validation: z
    .object({
      matches_all: z.array(
        z
          .object({ regex_group_name: z.string().min(1), ...valueMatcherShape })
          .refine(hasMatcher, "a partner condition needs `matches` or `matches_regex`"),
      ),
    })
    .optional(),
});

const numberTypeSchema = z
  .object({
    name: z.string().min(1),
    id: z.string().min(1).optional(),
    description: z.string().optional(),
    regex: z.union([z.string().min(1), z.array(z.string()).min(1)]),
    validation: z
      .object({
        checksum: checksumSchema.optional(),
        serial_number_format: z
          .object({ prepend_if: z.object({ matches_regex: z.string(), content: z.string() }).optional() })
          .optional(),
        additional: z.object({ exists: z.array(z.string().min(1)) }).optional(),
      })
      .default({}),
    tracking_url: z
      .string()
      .refine((url) => url.includes("%s"), "tracking_url needs a %s placeholder for the number")
      .nullable()
      .optional(),
    additional: z.array(additionalSchema).default([]),
    partners: z.array(partnerSchema).default([]),
    test_numbers: z
      .object({ valid: z.array(z.string()).default([]), invalid: z.array(z.string()).default([]) })
      .default({}),
  })
  .superRefine((type, context) => {
    const lookupNames = new Set(type.additional.map((additional) => additional.name));
    for (const name of type.validation.additional?.exists ?? []) {
      if (!lookupNames.has(name)) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["validation", "additional", "exists"],
          message: `requires the lookup "${name}", which is not among this type's additional lookups`,
        });
      }
    }
  });

export const courierFileSchema = z.object({
  name: z.string().min(1),
  courier_code: z.string().regex(/^[a-z0-9_]+$/, "courier_code must be lower-case letters, digits and _"),
  tracking_numbers: z.array(numberTypeSchema).min(1),
});

export type CourierFile = z.infer<typeof courierFileSchema>;
export type NumberTypeDefinition = CourierFile["tracking_numbers"][number];
export type ChecksumDefinition = z.infer<typeof checksumSchema>;
export type LookupEntry = z.infer<typeof lookupEntrySchema>;
export type PartnerDefinition = z.infer<typeof partnerSchema>;
