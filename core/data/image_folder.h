// A folder of the class's own images, torchvision's ImageFolder convention:
//   FOLDER/train/<class>/*.png|jpg|jpeg|bmp and FOLDER/test/<class>/*
// or one FOLDER/<class>/* split into train and test by the seed ("test_fraction"). Class names
// are the folder names, sorted. Every image is resized (aspect kept: the shorter side scaled to
// `size`, the longer one centre-cropped) and converted to grayscale (1 channel) or RGB (3).
//
// Decoding is not done here: core must not depend on Qt or an image library, so the program
// installs an ImageDecoder (the GUI and the command line install Qt's image plugins,
// ui/images/qt_image_decoder.h). Must not depend on Qt.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/data/dataset.h"

namespace normlab {

// One decoded image: row-major, `channels` interleaved 8-bit values per pixel (1 gray, 3 RGB).
struct DecodedImage {
  int width = 0, height = 0, channels = 0;
  std::vector<std::uint8_t> pixels;
};

// Decodes the file at `path`; throws NormLabError saying what is wrong (the caller names the
// file). Must be safe to call from any thread.
using ImageDecoder = std::function<DecodedImage(const std::string& path)>;
void setImageDecoder(ImageDecoder decoder);
bool hasImageDecoder();

// Told how many images are read of how many, now and then while a folder loads (the command
// line draws a progress bar, the GUI a cancelable one). Called on the loading thread; returning
// false stops the reading, which then throws ImageLoadCancelled.
using ImageLoadProgress = std::function<bool(std::int64_t done, std::int64_t total)>;

class ImageLoadCancelled : public NormLabError {
 public:
  ImageLoadCancelled() : NormLabError("reading the images was cancelled") {}
};

// How one load reads: who hears of its progress, and at most how many images of each split it
// needs (a subset: the rest is not decoded; 0: all).
struct ImageReading {
  ImageLoadProgress progress;
  std::int64_t trainLimit = 0, testLimit = 0;
};

struct ImageFolderConfig {
  std::string path;
  int size = 28;              // images are size x size
  int channels = 1;           // 1 grayscale, 3 RGB
  double testFraction = 0;    // > 0: one folder of classes, split by the seed
  bool skipBadImages = false;  // skip (and count) unreadable images instead of failing
};

inline constexpr const char* kImageExtensions[] = {".png", ".jpg", ".jpeg", ".bmp"};

// The files an image folder holds, checked: at least two classes, every class with images, every
// test class also in train. Throws NormLabError naming the folder or file.
struct ImageFolderListing {
  std::vector<std::string> classNames;
  struct Item {
    std::string path;
    int label;
  };
  std::vector<Item> train, test;
  // With skipBadImages: files left out for not being images, and what the first one was.
  std::int64_t skipped = 0;
  std::string firstSkipped;
};
ImageFolderListing listImageFolder(const ImageFolderConfig& config, std::uint64_t seed);

// Reads, resizes and converts the listed images, each split in an order shuffled by the seed (so
// that a subset of the first N holds every class), up to the reading's limits. With
// skipBadImages, unreadable ones are left out and `warning` says how many (and names the first);
// otherwise the first one throws, naming the file.
Dataset loadImageFolder(const ImageFolderConfig& config, std::uint64_t seed, std::string& warning,
                        const ImageReading& reading = {});

// What the side panel shows of a folder before it is read: one decoded image of each class (in
// `samples.train`, with the class names), the image count of each split, and the bad files seen
// so far (files that are not images, and samples that do not decode), whatever skipBadImages
// says. Throws NormLabError for a folder that cannot be used at all (no classes, no test/ ...).
struct ImageFolderPreview {
  Dataset samples;
  std::int64_t trainImages = 0, testImages = 0;
  std::int64_t badFiles = 0;
  std::string firstBad;  // what is wrong with the first bad file, naming it
};
ImageFolderPreview previewImageFolder(const ImageFolderConfig& config, std::uint64_t seed);

// The image resized to size x size (shorter side scaled with an area average when shrinking,
// bilinear when enlarging; longer side centre-cropped) as `channels` planes (C x H x W):
// grayscale is ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B), gray to RGB repeats it.
std::vector<std::uint8_t> fitImage(const DecodedImage& image, int size, int channels);

}  // namespace normlab
