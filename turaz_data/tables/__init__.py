"""The tables' definition: vocabularies, models, field descriptors, rules, storage and Pandera schemas."""
