/**
 * ccTalk header numbers (Generic Specification part 2, "Command descriptions", and the header
 * table of part 1) and the addresses kiosks use by convention (part 1, section 7.1 and the
 * category/address table: coin acceptor 2, payout (hopper) 3, bill validator 40).
 */

// Addresses.
export const BROADCAST = 0;
export const HOST = 1;
export const COIN_ACCEPTOR = 2;
/** The first hopper; further hoppers take 4, 5, … */
export const HOPPER = 3;
export const BILL_VALIDATOR = 40;

// Reply headers (part 1: a reply carries header 0 and its data; NAK and BUSY carry no data).
export const ACK = 0;
export const NAK = 5;
export const BUSY = 6;

// Core and identification.
export const RESET_DEVICE = 1;
export const REQUEST_COMMS_STATUS_VARIABLES = 2;
export const CLEAR_COMMS_STATUS_VARIABLES = 3;
export const REQUEST_COMMS_REVISION = 4;
export const SIMPLE_POLL = 254;
export const ADDRESS_POLL = 253;
export const ADDRESS_CLASH = 252;
export const ADDRESS_CHANGE = 251;
export const ADDRESS_RANDOM = 250;
export const REQUEST_POLLING_PRIORITY = 249;
export const REQUEST_STATUS = 248;
export const REQUEST_VARIABLE_SET = 247;
export const REQUEST_MANUFACTURER_ID = 246;
export const REQUEST_EQUIPMENT_CATEGORY_ID = 245;
export const REQUEST_PRODUCT_CODE = 244;
export const REQUEST_DATABASE_VERSION = 243;
export const REQUEST_SERIAL_NUMBER = 242;
export const REQUEST_SOFTWARE_REVISION = 241;
export const PERFORM_SELF_CHECK = 232;
export const REQUEST_BUILD_CODE = 192;

// Coin acceptor.
export const MODIFY_INHIBIT_STATUS = 231;
export const REQUEST_INHIBIT_STATUS = 230;
export const READ_BUFFERED_CREDIT = 229;
export const MODIFY_MASTER_INHIBIT = 228;
export const REQUEST_MASTER_INHIBIT = 227;
export const REQUEST_COIN_ID = 184;

// Hopper.
export const EMERGENCY_STOP = 172;
export const REQUEST_HOPPER_COIN = 171;
export const REQUEST_HOPPER_DISPENSE_COUNT = 168;
export const DISPENSE_HOPPER_COINS = 167;
/** Part 2 calls it "Request hopper status"; its reply is the payout status. */
export const REQUEST_PAYOUT_STATUS = 166;
export const MODIFY_VARIABLE_SET = 165;
export const ENABLE_HOPPER = 164;
export const TEST_HOPPER = 163;
export const PUMP_RNG = 161;
export const REQUEST_CIPHER_KEY = 160;

// Bill validator.
export const READ_BUFFERED_BILL_EVENTS = 159;
export const MODIFY_BILL_ID = 158;
export const REQUEST_BILL_ID = 157;
export const REQUEST_COUNTRY_SCALING_FACTOR = 156;
export const REQUEST_BILL_POSITION = 155;
export const ROUTE_BILL = 154;
export const MODIFY_BILL_OPERATING_MODE = 153;
export const REQUEST_BILL_OPERATING_MODE = 152;
export const PERFORM_STACKER_CYCLE = 147;
export const REQUEST_CURRENCY_REVISION = 145;

/** Data of a 154 route bill command (part 2, header 154). */
export const ROUTE_RETURN = 0;
export const ROUTE_STACK = 1;
export const ROUTE_EXTEND_ESCROW = 255;
/** Error bytes a 154 reply may carry instead of an empty ACK. */
export const ROUTE_ERROR_ESCROW_EMPTY = 254;
export const ROUTE_ERROR_FAILED = 255;

/** Names for logs and the CLI. Header 0 is named for what it is in a reply. */
export const HEADER_NAMES: Readonly<Record<number, string>> = {
  [ACK]: 'ACK / reply',
  [RESET_DEVICE]: 'Reset device',
  [REQUEST_COMMS_STATUS_VARIABLES]: 'Request comms status variables',
  [CLEAR_COMMS_STATUS_VARIABLES]: 'Clear comms status variables',
  [REQUEST_COMMS_REVISION]: 'Request comms revision',
  [NAK]: 'NAK',
  [BUSY]: 'BUSY',
  [SIMPLE_POLL]: 'Simple poll',
  [ADDRESS_POLL]: 'Address poll',
  [ADDRESS_CLASH]: 'Address clash',
  [ADDRESS_CHANGE]: 'Address change',
  [ADDRESS_RANDOM]: 'Address random',
  [REQUEST_POLLING_PRIORITY]: 'Request polling priority',
  [REQUEST_STATUS]: 'Request status',
  [REQUEST_VARIABLE_SET]: 'Request variable set',
  [REQUEST_MANUFACTURER_ID]: 'Request manufacturer id',
  [REQUEST_EQUIPMENT_CATEGORY_ID]: 'Request equipment category id',
  [REQUEST_PRODUCT_CODE]: 'Request product code',
  [REQUEST_DATABASE_VERSION]: 'Request database version',
  [REQUEST_SERIAL_NUMBER]: 'Request serial number',
  [REQUEST_SOFTWARE_REVISION]: 'Request software revision',
  [PERFORM_SELF_CHECK]: 'Perform self-check',
  [REQUEST_BUILD_CODE]: 'Request build code',
  [MODIFY_INHIBIT_STATUS]: 'Modify inhibit status',
  [REQUEST_INHIBIT_STATUS]: 'Request inhibit status',
  [READ_BUFFERED_CREDIT]: 'Read buffered credit or error codes',
  [MODIFY_MASTER_INHIBIT]: 'Modify master inhibit status',
  [REQUEST_MASTER_INHIBIT]: 'Request master inhibit status',
  [REQUEST_COIN_ID]: 'Request coin id',
  [EMERGENCY_STOP]: 'Emergency stop',
  [REQUEST_HOPPER_COIN]: 'Request hopper coin',
  [REQUEST_HOPPER_DISPENSE_COUNT]: 'Request hopper dispense count',
  [DISPENSE_HOPPER_COINS]: 'Dispense hopper coins',
  [REQUEST_PAYOUT_STATUS]: 'Request hopper status',
  [MODIFY_VARIABLE_SET]: 'Modify variable set',
  [ENABLE_HOPPER]: 'Enable hopper',
  [TEST_HOPPER]: 'Test hopper',
  [PUMP_RNG]: 'Pump RNG',
  [REQUEST_CIPHER_KEY]: 'Request cipher key',
  [READ_BUFFERED_BILL_EVENTS]: 'Read buffered bill events',
  [MODIFY_BILL_ID]: 'Modify bill id',
  [REQUEST_BILL_ID]: 'Request bill id',
  [REQUEST_COUNTRY_SCALING_FACTOR]: 'Request country scaling factor',
  [REQUEST_BILL_POSITION]: 'Request bill position',
  [ROUTE_BILL]: 'Route bill',
  [MODIFY_BILL_OPERATING_MODE]: 'Modify bill operating mode',
  [REQUEST_BILL_OPERATING_MODE]: 'Request bill operating mode',
  [PERFORM_STACKER_CYCLE]: 'Perform stacker cycle',
  [REQUEST_CURRENCY_REVISION]: 'Request currency revision',
};

export function headerName(header: number): string {
  return HEADER_NAMES[header] ?? `header ${header}`;
}
