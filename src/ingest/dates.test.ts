import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dateOfDateLine, toIsoDate } from './dates.js'

describe('toIsoDate', () => {
  it('should read the Arabic-comma trailer form as a local date-time', () => {
    assert.equal(toIsoDate('Tuesday\u060C 14 May 2019 09:05 PM'), '2019-05-14T21:05:00')
  })

  it('should keep ISO dates and the offset they state', () => {
    assert.equal(toIsoDate('2021-03-08'), '2021-03-08')
    assert.equal(toIsoDate('2021-03-08T07:15:00+01:00'), '2021-03-08T07:15:00+01:00')
    assert.equal(toIsoDate('2021-03-08 07:15'), '2021-03-08T07:15:00')
    assert.equal(toIsoDate('2021-03-08T07:15:00.250Z'), '2021-03-08T07:15:00.250Z')
  })

  it('should read an English date without a time as a date', () => {
    assert.equal(toIsoDate('Thursday, February 23, 2006'), '2006-02-23')
  })

  it('should keep a stated time zone as an offset', () => {
    assert.equal(toIsoDate('14 May 2019 at 21:05 GMT'), '2019-05-14T21:05:00Z')
  })

  it('should read epoch seconds and milliseconds as UTC', () => {
    assert.equal(toIsoDate(1557868500), '2019-05-14T21:15:00Z')
    assert.equal(toIsoDate(1557868500000), '2019-05-14T21:15:00Z')
  })

  it('should return null for an epoch number past year 9999 or past any Date, not a five-digit year or a throw', () => {
    assert.equal(toIsoDate(253402300800000), null) // 10000-01-01
    assert.equal(toIsoDate(1e20), null)
    assert.equal(toIsoDate(253402300799000), '9999-12-31T23:59:59Z')
  })

  it('should return null for a date without a year rather than guess one', () => {
    assert.equal(toIsoDate('May 14'), null)
  })

  it('should return null for text that is not a date', () => {
    assert.equal(toIsoDate('yesterday afternoon, officials said'), null)
    assert.equal(toIsoDate(''), null)
    assert.equal(toIsoDate(null), null)
  })
})

describe('dateOfDateLine', () => {
  it('should accept a line that is only a date', () => {
    assert.equal(dateOfDateLine('Tuesday, 14 May, 2019 - 09:30'), '2019-05-14T09:30:00')
    assert.equal(dateOfDateLine('Published 14 May 2019'), '2019-05-14')
  })

  it('should refuse a sentence that merely contains a date', () => {
    assert.equal(dateOfDateLine('On 14 May 2019 the council voted to keep the tram.'), null)
  })
})
