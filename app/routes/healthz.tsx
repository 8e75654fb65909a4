import prisma from "../db.server";

// Readiness for load balancers and the demo script: the server answers and the database does too.
export async function loader() {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return new Response("ok", { status: 200, headers: { "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
