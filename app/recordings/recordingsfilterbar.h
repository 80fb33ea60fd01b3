#pragma once
// The search fields above the recordings table: date range (local days, sent as UTC instants), number,
// extension, direction, minimum duration. filterChanged() fires on Search, Enter, or Reset.
#include "apitypes.h"

#include <QWidget>
#include <memory>

namespace Ui {
class RecordingsFilterBar;
}

namespace vv::recordings {

class RecordingsFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit RecordingsFilterBar(QWidget *parent = nullptr);
    ~RecordingsFilterBar() override;

    net::RecordingFilter filter() const;
    // The filters that are on, in words ("number contains “7700”, inbound"); empty when none is.
    QString describe() const;
    void setFilter(const net::RecordingFilter &filter);
    Ui::RecordingsFilterBar *ui() const { return m_ui.get(); } // tests and screenshots fill the fields

Q_SIGNALS:
    void filterChanged(const vv::net::RecordingFilter &filter);

private:
    void reset();
    std::unique_ptr<Ui::RecordingsFilterBar> m_ui;
};

} // namespace vv::recordings
