import { type DataSource } from 'typeorm';
import { AppSetting } from './app-setting.entity';

/**
 * The value stored under `key`, storing `initial()` first when there is none. Instances starting
 * together race on the insert; ON CONFLICT DO NOTHING makes all of them read the one that won.
 */
export async function readOrInitializeSetting(dataSource: DataSource, key: string, initial: () => string): Promise<string> {
  await dataSource.createQueryBuilder().insert().into(AppSetting).values({ key, value: initial() }).orIgnore().execute();
  const setting = await dataSource.getRepository(AppSetting).findOneByOrFail({ key });
  return setting.value;
}
