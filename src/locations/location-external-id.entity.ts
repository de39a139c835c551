import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Location } from './location.entity';

/**
 * Identifiers of an office in other systems (a FHIR directory's Location.id, a credentialing
 * system's site code); unique per system. Provider sync resolves location references through it.
 */
@Entity('location_external_ids')
@Index('UQ_location_external_ids_system_value', ['system', 'value'], { unique: true })
@Index(['locationId'])
export class LocationExternalId {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  locationId: string;

  @Column({ type: 'varchar', length: 200 })
  system: string;

  @Column({ type: 'varchar', length: 200 })
  value: string;

  @ManyToOne(() => Location, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'location_id' })
  location?: Location;
}
