import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';
import { zoneDestination } from './lib/zone-routes';

/** Multi-zone routing decided per request, so the zone and API origins can change without a rebuild. */
export function proxy(request: NextRequest) {
  const destination = zoneDestination(request.nextUrl.pathname, request.nextUrl.search);
  return destination ? NextResponse.rewrite(destination) : NextResponse.next();
}

export const config = {
  matcher: ['/alexnet', '/alexnet/:path*', '/inception', '/inception/:path*', '/resnet', '/resnet/:path*', '/graphql', '/artifacts/:path*'],
};
