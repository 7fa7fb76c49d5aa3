import { Router } from 'express';

/** `GET /health` -> 200 `{"ok":true}` while the process serves requests; for load balancers and start scripts. */
export function healthRoute(): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.status(200).json({ ok: true });
  });
  return router;
}
