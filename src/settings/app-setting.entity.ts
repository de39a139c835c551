import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Small values every app instance must agree on (the generated JWT secret), kept in the database. */
@Entity('app_settings')
export class AppSetting {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  @Column({ type: 'text' })
  value: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
