// The "grid" key of an experiment config: a sweep written as lists of values, expanded into one arm
// per combination (the cartesian product), each labelled from its values. Called by
// parseExperimentConfig (experiment_config.h), which then checks every expanded arm as a listed
// one. Must not depend on Qt.
//
//   "grid": {"norm": ["batch", "group"], "batch_size": [2, 4, 8, 16, 32], "lr": [0.01, 0.05]}
//
// Keys (each a non-empty list of distinct values): norm, groups, batch_size, lr, optimizer,
// momentum, weight_decay, dropout, activation, init, norm_position, input_norm, epochs, steps.
// The arms come in a fixed key order (the order of that list, whatever order the JSON has), the
// last key varying fastest: the example gives BN b2 lr0.01, BN b2 lr0.05, BN b4 lr0.01, ...
//
// Labels join one short part per key, in that order, with spaces:
//   norm: none, BN, LN, IN, GN, LRN        groups: G4       batch_size: b8     lr: lr0.01
//   optimizer: sgd, adam                   momentum: m0.9   weight_decay: wd5e-04
//   dropout: p0.25                         activation, init: the value itself ("tanh", "xavier")
//   norm_position: norm-before, norm-after input_norm: in-raw, in-minmax, in-zscore
//   epochs: e2                             steps: s500
// Numbers are written as short as they read back exactly (0.001 as 0.001, 0.0005 as 5e-04).
//
// With "arms" as well, every listed arm is crossed with every combination: the arm's keys stay,
// the grid's vary, and its label ("label", else the short norm name above) leads the generated
// one ("GN4 b2 lr0.01"). An arm may not set a key the grid varies.
//
// Errors name the key ("grid.batch_size[1]"): an unknown key, a value that is not a list, an
// empty list, a value of the wrong type or not one of the choices, a repeated value, more than
// kMaxRuns runs (arms x seeds). Ranges and the checks against the model are the arm parser's:
// its messages name a generated arm as "grid[BN b2 lr0.01]".
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace normlab {

class JsonFields;

// The grid's keys, in expansion order.
const char* const* gridKeys(std::size_t* count);

// The short label part of one value of a grid key ("b8" for batch_size 8).
std::string gridLabelPart(const std::string& key, const nlohmann::json& value);

// The arm objects `root`'s "grid" expands to (crossed with `root`'s "arms" when it has them),
// each with its generated "label". `seeds` is the number of replicate seeds (for the run limit).
nlohmann::json expandGrid(const JsonFields& root, std::size_t seeds);

// How messages name an arm expandGrid made: "grid[BN b2 lr0.01]" (a label past 60 bytes cut short).
std::string gridArmPath(const nlohmann::json& arm);

}  // namespace normlab
