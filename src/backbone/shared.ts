/**
 * The backbone's models (tagger, parser, NER) as shared models (util/shared-models.ts): one copy of
 * their weights per process, whatever the number of analysis worker threads. This module registers
 * the classes those models are made of; a model class added to the backbone is registered here.
 */
import { registerModelClasses, sharedModel } from "../util/shared-models.js";
import { WordFeatureCache } from "./features/word.js";
import { WeightTable } from "./features/table.js";
import { FeatureScratch } from "./ner/features.js";
import { NerModel } from "./ner/model.js";
import { TagSet } from "./ner/tags.js";
import { IntMap, WeightTable as NerWeightTable } from "./ner/util.js";
import { ParseInput, Parser } from "./parser/model.js";
import { State } from "./parser/system.js";
import { Tagger } from "./tagger/model.js";

registerModelClasses({
  "backbone.WeightTable": WeightTable,
  "backbone.WordFeatureCache": WordFeatureCache,
  "tagger.Tagger": Tagger,
  "parser.Parser": Parser,
  "parser.ParseInput": ParseInput,
  "parser.State": State,
  "ner.NerModel": NerModel,
  "ner.TagSet": TagSet,
  "ner.IntMap": IntMap,
  "ner.WeightTable": NerWeightTable,
  "ner.FeatureScratch": FeatureScratch,
});

export { sharedModel };
