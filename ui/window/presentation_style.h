// The application's style with its check boxes, radio buttons and small icons scaled: presentation
// mode enlarges every font by 1.6, and a 13 px check box beside 1.6x text was the one control a
// class could not read. Wraps whatever style the platform chose (Fusion, Breeze, ...).
#pragma once

#include <QProxyStyle>

namespace normlab {

class PresentationStyle : public QProxyStyle {
 public:
  PresentationStyle();
  // 1: the platform's sizes; presentation mode sets its font scale.
  void setScale(double scale) { scale_ = scale; }
  double scale() const { return scale_; }
  int pixelMetric(PixelMetric metric, const QStyleOption* option = nullptr, const QWidget* widget = nullptr) const override;

  // The application's PresentationStyle, installed on first use.
  static PresentationStyle* instance();

 private:
  double scale_ = 1;
};

}  // namespace normlab
