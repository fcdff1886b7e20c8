#include "core/data/image_folder.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <system_error>

#include "core/base/error.h"
#include "core/base/random.h"
#include "core/files/file_kind.h"

namespace normlab {

namespace fs = std::filesystem;

namespace {

std::mutex gDecoderMutex;
ImageDecoder gDecoder;

// Progress is reported every this many images (and at the end): often enough for a smooth bar,
// rarely enough to cost nothing.
constexpr std::int64_t kProgressEvery = 32;

ImageDecoder installedDecoder() {
  ImageDecoder decode;
  {
    const std::lock_guard lock(gDecoderMutex);
    decode = gDecoder;
  }
  if (!decode) throw NormLabError("this program cannot read image files (no image decoder is installed)");
  return decode;
}

// One image file read, resized and converted; throws NormLabError naming the file.
std::vector<std::uint8_t> readImage(const std::string& path, const ImageFolderConfig& config, const ImageDecoder& decode) {
  try {
    std::error_code ec;
    const auto bytes = fs::file_size(path, ec);
    if (ec) throw NormLabError("cannot read it: " + ec.message());
    if (bytes == 0) throw NormLabError("the file is empty (0 bytes)");
    return fitImage(decode(path), config.size, config.channels);
  } catch (const NormLabError& e) {
    throw NormLabError("image '" + path + "': " + e.what());
  }
}

// The items in an order drawn from the seed (`which` tells the splits' streams apart).
void shuffleItems(std::vector<ImageFolderListing::Item>& items, std::uint64_t seed, std::uint64_t which) {
  if (items.size() < 2) return;
  Random rng(streamKey(seed, Purpose::Data, 0x1A6F, which));
  for (std::size_t i = items.size() - 1; i > 0; --i) std::swap(items[i], items[rng.below(i + 1)]);
}

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool isImageName(const fs::path& p) {
  const std::string ext = lower(p.extension().string());
  return std::any_of(std::begin(kImageExtensions), std::end(kImageExtensions), [&](const char* e) { return ext == e; });
}

bool hidden(const fs::path& p) { return !p.filename().empty() && p.filename().string().front() == '.'; }

// The visible entries of a folder, sorted by name (byte order: the same on every machine).
std::vector<fs::path> sortedEntries(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (!hidden(it->path())) out.push_back(it->path());
  if (ec) throw NormLabError("cannot read folder '" + dir.string() + "': " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

// Class folders: every visible sub-folder (a stray file beside them is named as an error).
std::vector<fs::path> classFolders(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const fs::path& p : sortedEntries(dir)) {
    if (describePath(p.string()) == "a folder")
      out.push_back(p);
    else
      throw NormLabError("image folder '" + dir.string() + "': '" + p.filename().string() +
                         "' is not a class folder (" + describePath(p.string()) +
                         "); put each class's images in a folder named after the class");
  }
  return out;
}

// A class folder's files: images by their name; anything else is not an image.
std::vector<std::string> classFiles(const fs::path& dir, bool skipBad, std::int64_t& skipped, std::string& firstSkipped) {
  std::vector<std::string> out;
  for (const fs::path& p : sortedEntries(dir)) {
    const std::string kind = describePath(p.string());
    std::string problem;
    if (kind != "a regular file")
      problem = "'" + p.string() + "' is " + kind + ", not an image file";
    else if (!isImageName(p))
      problem = "'" + p.string() + "' is not an image (NormLab reads .png, .jpg, .jpeg and .bmp files)";
    if (problem.empty()) {
      out.push_back(p.string());
    } else if (skipBad) {
      if (skipped++ == 0) firstSkipped = problem;
    } else {
      throw NormLabError(problem);
    }
  }
  return out;
}

// 1D resampling weights from m source pixels to n: an area average when shrinking, bilinear
// (pixel centres aligned, as torchvision's antialiased resize and PIL do) when enlarging.
std::vector<std::vector<std::pair<int, float>>> resampleWeights(int m, int n) {
  std::vector<std::vector<std::pair<int, float>>> w(static_cast<std::size_t>(n));
  const double scale = double(m) / n;
  for (int i = 0; i < n; ++i) {
    auto& out = w[std::size_t(i)];
    if (m >= n) {
      const double a = i * scale, b = (i + 1) * scale;
      for (int j = int(std::floor(a)); j < int(std::ceil(b)) && j < m; ++j) {
        const double overlap = std::min(b, double(j + 1)) - std::max(a, double(j));
        if (overlap > 0) out.push_back({j, float(overlap / scale)});
      }
    } else {
      const double src = std::clamp((i + 0.5) * scale - 0.5, 0.0, double(m - 1));
      const int j0 = int(std::floor(src));
      const int j1 = std::min(j0 + 1, m - 1);
      const float f = float(src - j0);
      out.push_back({j0, 1 - f});
      if (j1 != j0 && f > 0) out.push_back({j1, f});
    }
  }
  return w;
}

}  // namespace

void setImageDecoder(ImageDecoder decoder) {
  const std::lock_guard lock(gDecoderMutex);
  gDecoder = std::move(decoder);
}

bool hasImageDecoder() {
  const std::lock_guard lock(gDecoderMutex);
  return bool(gDecoder);
}

std::vector<std::uint8_t> fitImage(const DecodedImage& image, int size, int channels) {
  if (image.width <= 0 || image.height <= 0 || (image.channels != 1 && image.channels != 3) ||
      image.pixels.size() != std::size_t(image.width) * std::size_t(image.height) * std::size_t(image.channels))
    throw NormLabError("decoded image has an inconsistent size");
  if (channels != 1 && channels != 3) throw NormLabError("an image has 1 or 3 channels");
  // The centred square of side m (the longer side cropped), then resampled to size x size.
  const int m = std::min(image.width, image.height);
  const int x0 = (image.width - m) / 2, y0 = (image.height - m) / 2;
  const auto weights = resampleWeights(m, size);
  const std::size_t plane = std::size_t(size) * std::size_t(size);
  std::vector<std::uint8_t> out(plane * std::size_t(channels));
  std::vector<float> src(std::size_t(m) * std::size_t(m)), rows(std::size_t(m) * std::size_t(size));
  for (int c = 0; c < channels; ++c) {
    // Plane c of the square: luma, the channel itself, or gray repeated.
    for (int y = 0; y < m; ++y)
      for (int x = 0; x < m; ++x) {
        const std::uint8_t* p =
            image.pixels.data() + (std::size_t(y0 + y) * std::size_t(image.width) + std::size_t(x0 + x)) * std::size_t(image.channels);
        float v;
        if (image.channels == 1) v = p[0];
        else if (channels == 3) v = p[c];
        else v = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
        src[std::size_t(y) * std::size_t(m) + std::size_t(x)] = v;
      }
    // Resample along x (m x m -> m x size), then along y (-> size x size).
    for (int y = 0; y < m; ++y)
      for (int i = 0; i < size; ++i) {
        float v = 0;
        for (const auto& [j, wt] : weights[std::size_t(i)]) v += wt * src[std::size_t(y) * std::size_t(m) + std::size_t(j)];
        rows[std::size_t(y) * std::size_t(size) + std::size_t(i)] = v;
      }
    for (int i = 0; i < size; ++i)
      for (int x = 0; x < size; ++x) {
        float v = 0;
        for (const auto& [j, wt] : weights[std::size_t(i)]) v += wt * rows[std::size_t(j) * std::size_t(size) + std::size_t(x)];
        out[std::size_t(c) * plane + std::size_t(i) * std::size_t(size) + std::size_t(x)] =
            std::uint8_t(std::clamp(std::lround(v), 0L, 255L));
      }
  }
  return out;
}

ImageFolderListing listImageFolder(const ImageFolderConfig& config, std::uint64_t seed) {
  requireFolder(config.path, "dataset.path");
  const fs::path root(config.path);
  ImageFolderListing out;
  std::int64_t& skipped = out.skipped;
  std::string& firstSkipped = out.firstSkipped;
  auto label = [&](const std::string& name) {
    const auto it = std::find(out.classNames.begin(), out.classNames.end(), name);
    return it == out.classNames.end() ? -1 : int(it - out.classNames.begin());
  };
  auto needTwo = [&](const fs::path& dir) {
    if (out.classNames.size() < 2)
      throw NormLabError("image folder '" + dir.string() + "' has " + std::to_string(out.classNames.size()) +
                         " class folder" + (out.classNames.size() == 1 ? "" : "s") +
                         "; a classifier needs at least two (one folder of images per class)");
  };
  auto noImages = [](const fs::path& dir) {
    return NormLabError("class folder '" + dir.string() + "' has no images (.png, .jpg, .jpeg or .bmp)");
  };
  const bool split = describePath((root / "train").string()) == "a folder";
  if (config.testFraction > 0) {
    if (split)
      throw NormLabError("image folder '" + root.string() +
                         "' has train/ and test/ folders: leave out \"dataset.test_fraction\" to use them");
    for (const fs::path& dir : classFolders(root)) {
      std::vector<std::string> files = classFiles(dir, config.skipBadImages, skipped, firstSkipped);
      if (files.empty()) throw noImages(dir);
      out.classNames.push_back(dir.filename().string());
      const int l = int(out.classNames.size()) - 1;
      // The seed picks each class's test images; a class keeps at least one training image.
      std::vector<std::size_t> order(files.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      Random rng(streamKey(seed, Purpose::Data, 0x1A6E, std::uint64_t(l)));
      for (std::size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[rng.below(i + 1)]);
      const std::size_t held =
          std::min(files.size() - 1, std::size_t(std::lround(config.testFraction * double(files.size()))));
      std::vector<bool> isTest(files.size(), false);
      for (std::size_t k = 0; k < held; ++k) isTest[order[k]] = true;
      for (std::size_t i = 0; i < files.size(); ++i) (isTest[i] ? out.test : out.train).push_back({files[i], l});
    }
    needTwo(root);
  } else {
    if (!split || describePath((root / "test").string()) != "a folder")
      throw NormLabError("image folder '" + root.string() +
                         "' needs train/ and test/ folders, each with one folder of images per class "
                         "(or set \"dataset.test_fraction\" to split one folder of classes)");
    for (const fs::path& dir : classFolders(root / "train")) {
      std::vector<std::string> files = classFiles(dir, config.skipBadImages, skipped, firstSkipped);
      if (files.empty()) throw noImages(dir);
      out.classNames.push_back(dir.filename().string());
      for (const std::string& f : files) out.train.push_back({f, int(out.classNames.size()) - 1});
    }
    needTwo(root / "train");
    for (const fs::path& dir : classFolders(root / "test")) {
      const int l = label(dir.filename().string());
      if (l < 0)
        throw NormLabError("test class folder '" + dir.string() + "' has no training folder of the same name in '" +
                           (root / "train").string() + "'");
      std::vector<std::string> files = classFiles(dir, config.skipBadImages, skipped, firstSkipped);
      if (files.empty()) throw noImages(dir);
      for (const std::string& f : files) out.test.push_back({f, l});
    }
    if (out.test.empty()) throw NormLabError("image folder '" + (root / "test").string() + "' has no class folders");
  }
  return out;
}

Dataset loadImageFolder(const ImageFolderConfig& config, std::uint64_t seed, std::string& warning,
                        const ImageReading& reading) {
  const ImageDecoder decode = installedDecoder();
  ImageFolderListing files = listImageFolder(config, seed);
  shuffleItems(files.train, seed, 0);
  shuffleItems(files.test, seed, 1);
  // Files that are not images were skipped by the listing; unreadable images are below.
  std::int64_t skipped = files.skipped;
  std::string firstSkipped = files.firstSkipped;
  Dataset d;
  d.name = "images";
  d.classes = int(files.classNames.size());
  d.classNames = files.classNames;
  const Shape shape{config.channels, config.size, config.size};
  auto wanted = [](const std::vector<ImageFolderListing::Item>& items, std::int64_t limit) {
    return limit > 0 ? std::min(limit, std::int64_t(items.size())) : std::int64_t(items.size());
  };
  std::int64_t total = wanted(files.train, reading.trainLimit) + wanted(files.test, reading.testLimit);
  std::int64_t done = 0;
  auto report = [&] {
    if (reading.progress && !reading.progress(done, total)) throw ImageLoadCancelled();
  };
  auto read = [&](const std::vector<ImageFolderListing::Item>& items, std::int64_t limit, ImageSet& set) {
    set.shape = shape;
    const std::size_t n = std::size_t(wanted(items, limit));
    set.pixels.reserve(n * shape.size());
    set.labels.reserve(n);
    for (const ImageFolderListing::Item& item : items) {
      if (set.labels.size() == n) break;
      if (done % kProgressEvery == 0) report();
      ++done;
      std::vector<std::uint8_t> pixels;
      try {
        pixels = readImage(item.path, config, decode);
      } catch (const NormLabError& e) {
        if (!config.skipBadImages) throw;
        if (skipped++ == 0) firstSkipped = e.what();
        if (limit > 0 && total < std::int64_t(items.size())) ++total;  // one more is read in its place
        continue;
      }
      set.pixels.insert(set.pixels.end(), pixels.begin(), pixels.end());
      set.labels.push_back(item.label);
    }
  };
  read(files.train, reading.trainLimit, d.train);
  read(files.test, reading.testLimit, d.test);
  total = done;
  report();
  if (skipped > 0)
    warning = "skipped " + std::to_string(skipped) + " unreadable image" + (skipped == 1 ? "" : "s") + " (the first: " +
              firstSkipped + ")";
  if (d.train.size() == 0) throw NormLabError("image folder '" + config.path + "': no readable training images");
  if (d.test.size() == 0) throw NormLabError("image folder '" + config.path + "': no readable test images");
  return d;
}

ImageFolderPreview previewImageFolder(const ImageFolderConfig& config, std::uint64_t seed) {
  const ImageDecoder decode = installedDecoder();
  ImageFolderConfig lenient = config;
  lenient.skipBadImages = true;  // count the files that are not images instead of stopping at the first
  const ImageFolderListing files = listImageFolder(lenient, seed);
  ImageFolderPreview out;
  out.trainImages = std::int64_t(files.train.size());
  out.testImages = std::int64_t(files.test.size());
  out.badFiles = files.skipped;
  out.firstBad = files.firstSkipped;
  Dataset& d = out.samples;
  d.name = "images";
  d.classes = int(files.classNames.size());
  d.classNames = files.classNames;
  d.train.shape = d.test.shape = Shape{config.channels, config.size, config.size};
  // The first image of each class that decodes (the listing is sorted by class, then by name),
  // trying a few per class: a preview must stay quick however broken a class is.
  std::vector<int> tries(files.classNames.size(), 0);
  for (const ImageFolderListing::Item& item : files.train) {
    if (std::find(d.train.labels.begin(), d.train.labels.end(), item.label) != d.train.labels.end() ||
        tries[std::size_t(item.label)]++ >= 8)
      continue;
    try {
      const std::vector<std::uint8_t> pixels = readImage(item.path, config, decode);
      d.train.pixels.insert(d.train.pixels.end(), pixels.begin(), pixels.end());
      d.train.labels.push_back(item.label);
    } catch (const NormLabError& e) {
      if (out.badFiles++ == 0) out.firstBad = e.what();
    }
  }
  return out;
}

}  // namespace normlab
