import { demoData } from '@market/demo-data';
import type { Logger } from '@market/kit';
import type { FileRepository } from './repository';

/** Seeds the demo files' metadata on first boot (empty database only); their contents are never uploaded. */
export async function seedDemoData(repo: FileRepository, logger: Logger): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  const { files } = demoData();
  await repo.insertAll(
    files.map((f) => ({
      id: f.id,
      ownerId: f.ownerId,
      name: f.name,
      contentType: f.contentType,
      size: f.size,
      subjectType: f.subjectType,
      subjectId: f.subjectId,
      storageKey: null,
      createdAt: f.createdAt,
    })),
  );
  logger.info({ files: files.length }, 'seeded demo file metadata');
  return true;
}
