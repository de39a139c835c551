import { registerEnumType } from '@nestjs/graphql';

export enum BodyRegion {
  HEAD = 'HEAD',
  NECK = 'NECK',
  UPPER_BACK = 'UPPER_BACK',
  LOWER_BACK = 'LOWER_BACK',
  SPINE = 'SPINE',
  SHOULDER = 'SHOULDER',
  ARM_AND_HAND = 'ARM_AND_HAND',
  CHEST = 'CHEST',
  ABDOMEN = 'ABDOMEN',
  PELVIS_AND_HIP = 'PELVIS_AND_HIP',
  LEG_AND_FOOT = 'LEG_AND_FOOT',
  JOINTS = 'JOINTS',
  NERVES = 'NERVES',
  WHOLE_BODY = 'WHOLE_BODY',
}

registerEnumType(BodyRegion, {
  name: 'BodyRegion',
  description: 'The part of the body a condition mainly affects.',
  valuesMap: {
    HEAD: { description: 'Head and face.' },
    NECK: { description: 'Neck and cervical spine.' },
    UPPER_BACK: { description: 'Upper and mid back (thoracic spine).' },
    LOWER_BACK: { description: 'Lower back (lumbar spine and sacrum).' },
    SPINE: { description: 'The spine or spinal cord as a whole.' },
    SHOULDER: { description: 'Shoulders.' },
    ARM_AND_HAND: { description: 'Arms, elbows, wrists and hands.' },
    CHEST: { description: 'Chest and ribs.' },
    ABDOMEN: { description: 'Abdomen.' },
    PELVIS_AND_HIP: { description: 'Pelvis and hips.' },
    LEG_AND_FOOT: { description: 'Legs, knees, ankles and feet.' },
    JOINTS: { description: 'Several joints.' },
    NERVES: { description: 'Nerves, wherever they are.' },
    WHOLE_BODY: { description: 'Widespread or not tied to one region.' },
  },
});
